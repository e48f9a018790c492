package org.linfgrad.backend.simd;

import org.linfgrad.tensor.Tensor;

/**
 * The windows of ranks a soft order statistic y_bj = sum_r a_jr sorted_r(z_bj) needs: per neuron j the
 * contiguous ranks r1_j..r2_j left after dropping the ranks of weight exactly 0 at both ends (where the
 * layer's softmax underflows), so y, dL/dx and dL/dw are the reference's terms. dL/da_jr at a dropped rank
 * is reported as 0 (the reference's is g_bj z_(r) summed over b): every gradient upstream of a softmax gets it
 * multiplied by a_jr = 0, so the layer's gradients are unchanged. Weights of 2^-24 of the total and below
 * were dropped too in a first version (a window of about 33 ranks for the Laplace mixture at temperature 1,
 * 5x faster): the gradient checks of the layer saw the dropped 1e-8 and failed, so it was not kept.
 */
record RankWindows(int[] from, int[] to) {
    /** A window wider than this is not worth selecting: the rows are sorted instead. */
    static final int MAX_WIDTH = 64;

    /** The windows of weights a [M, N]. */
    static RankWindows of(Tensor a) {
        int m = a.dim(0), n = a.dim(1);
        float[] weights = a.data();
        int[] from = new int[m], to = new int[m];
        for (int j = 0; j < m; j++) {
            int lo = 0, hi = n - 1;
            while (lo < hi && weights[j * n + lo] == 0) {
                lo++;
            }
            while (hi > lo && weights[j * n + hi] == 0) {
                hi--;
            }
            from[j] = lo + 1;
            to[j] = hi + 1;
        }
        return new RankWindows(from, to);
    }

    /** Whether every window is at most {@link #MAX_WIDTH} ranks wide. */
    boolean narrow() {
        for (int j = 0; j < from.length; j++) {
            if (to[j] - from[j] + 1 > MAX_WIDTH) {
                return false;
            }
        }
        return true;
    }

    /** The selects of every row's window. */
    OrderSelect select(Tensor x, Tensor w) {
        return OrderSelect.ranks(x, w, from, to);
    }
}
