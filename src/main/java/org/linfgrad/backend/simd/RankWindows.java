package org.linfgrad.backend.simd;

import org.linfgrad.tensor.Tensor;

/**
 * The windows of ranks a soft order statistic y_bj = sum_r a_jr sorted_r(z_bj) needs: per neuron j the
 * contiguous ranks r1_j..r2_j left after dropping, from both ends, the ranks of smallest weight while their
 * absolute weights sum to at most {@link #DROPPED} sum_r |a_jr|. Outside its window a neuron's weights count
 * as 0, which moves y_bj by at most DROPPED sum_r |a_jr| max_i |z_bji| and dL/dx, dL/dw by at most
 * DROPPED sum_r |a_jr| |g_bj| per row; dL/da_jr at a dropped rank is reported as 0, and what it would carry
 * upstream through a softmax (a_jr dL/da_jr) is at most DROPPED sum_r |a_jr| sum_b |g_bj| max |z|. For the
 * layer's Laplace mixture at temperature 1 a window spans about 33 ranks, for the Gaussian one about 9.
 */
record RankWindows(int[] from, int[] to) {
    /** The share of the absolute weight a window may leave out. */
    static final double DROPPED = 0x1p-24;
    /** A window wider than this is not worth selecting: the rows are sorted instead. */
    static final int MAX_WIDTH = 64;

    /** The windows of weights a [M, N]. */
    static RankWindows of(Tensor a) {
        int m = a.dim(0), n = a.dim(1);
        float[] weights = a.data();
        int[] from = new int[m], to = new int[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += Math.abs(weights[j * n + r]);
            }
            double allowed = DROPPED * sum, dropped = 0;
            int lo = 0, hi = n - 1;
            while (lo < hi) { // drop the lighter end while the dropped weight stays within the allowance
                float lighter = Math.min(Math.abs(weights[j * n + lo]), Math.abs(weights[j * n + hi]));
                if (dropped + lighter > allowed) {
                    break;
                }
                dropped += lighter;
                if (Math.abs(weights[j * n + lo]) <= Math.abs(weights[j * n + hi])) {
                    lo++;
                } else {
                    hi--;
                }
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
