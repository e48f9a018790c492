package org.linfgrad.backend.simd;

// OMIT FILE linf-backward: the student copy routes this kernel to the reference, where the student writes it

import org.linfgrad.tensor.Tensor;

/**
 * The L-inf distance backward on all threads, the sign folded into the scatter: with
 * c_bj = g_bj sign(x_bi - w_ji) at i = argmax_bj, dL/dx_bi = sum of c_bj over the j with argmax_bj = i (split
 * over samples, which also writes c), then dL/dw_ji = -(sum of c_bj over the b with argmax_bj = i) (split over
 * neurons). Each sum runs in the reference's order, j then b ascending, so the results are identical to it.
 */
final class LinfBackward {
    private LinfBackward() {}

    static Tensor[] run(Tensor g, Tensor x, Tensor w, int[] argmax) {
        int batch = x.dim(0), n = x.dim(1), m = w.dim(0);
        float[] gs = g.data(), xs = x.data(), ws = w.data();
        float[] c = new float[batch * m];
        float[] gx = new float[batch * n];
        float[] gw = new float[m * n];
        Parallel.forRange(batch, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int j = 0; j < m; j++) {
                    int i = argmax[b * m + j];
                    c[b * m + j] = gs[b * m + j] * Math.signum(xs[b * n + i] - ws[j * n + i]);
                    gx[b * n + i] += c[b * m + j];
                }
            }
        });
        Parallel.forRange(m, (from, to) -> {
            for (int b = 0; b < batch; b++) {
                for (int j = from; j < to; j++) {
                    gw[j * n + argmax[b * m + j]] -= c[b * m + j];
                }
            }
        });
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n)};
    }
}
