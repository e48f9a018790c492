package org.linfgrad.backend.simd;

import org.linfgrad.tensor.Tensor;

/**
 * The windows of ranks a soft order statistic y_bj = sum_r a_jr sorted_r(z_bj) needs: per neuron j the
 * contiguous ranks r1_j..r2_j left after dropping the ranks of weight exactly 0 at both ends (where the
 * layer's softmax underflows), so y, dL/dx and dL/dw are the reference's terms ({@link #of}). dL/da_jr at a
 * dropped rank is reported as 0 (the reference's is g_bj z_(r) summed over b): every gradient upstream of a
 * softmax gets it multiplied by a_jr = 0, so the layer's gradients are unchanged.
 *
 * <p>A window that is still wider than {@value #MAX_WIDTH} ranks (about 207 for the Laplace mixture at
 * temperature 1) is trimmed by {@link #bounded}: the lightest end rank goes while the dropped weights sum to
 * at most {@link #DROPPED} = 2^-24 of the row's sum of |a_jr| (33 ranks are left for that mixture). The kernel
 * then treats those weights as 0, so y_bj moves by at most 2^-24 sum_r |a_jr| max_i |z_bi|, below the
 * rounding of the largest |z| (and far inside the conformance tolerance); dL/dx and dL/dw lose at most
 * 2^-24 sum_r |a_jr| |g_bj| per neuron, and dL/da is 0 at a trimmed rank, whose weight the softmax upstream
 * multiplies it by. Windows of at most {@value #MAX_WIDTH} ranks, every row of a layer with at most that
 * many inputs included (the gradient checks' shapes), are never trimmed: their gradients are exact. (Trimming
 * every window, as a first version did, broke those checks: their oracle resolves gradients of 1e-8.)
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

    /** At most this share of a row's weight (sum of |a|) is dropped from a window that is trimmed. */
    static final double DROPPED = 0x1p-24;

    /**
     * The windows of {@link #of}, each wider than {@value #MAX_WIDTH} ranks trimmed at its ends, lightest end
     * first, while the weight it leaves out stays within {@link #DROPPED} of the row's sum of |a_jr|.
     */
    static RankWindows bounded(Tensor a) {
        RankWindows exact = of(a);
        int m = a.dim(0), n = a.dim(1);
        float[] weights = a.data();
        int[] from = exact.from().clone(), to = exact.to().clone();
        for (int j = 0; j < m; j++) {
            if (to[j] - from[j] + 1 <= MAX_WIDTH) {
                continue;
            }
            double total = 0;
            for (int r = 0; r < n; r++) {
                total += Math.abs(weights[j * n + r]);
            }
            double budget = DROPPED * total, dropped = 0;
            int lo = from[j] - 1, hi = to[j] - 1;
            while (lo < hi) {
                double low = Math.abs(weights[j * n + lo]), high = Math.abs(weights[j * n + hi]);
                double lighter = Math.min(low, high);
                if (dropped + lighter > budget) {
                    break;
                }
                dropped += lighter;
                if (low <= high) {
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
