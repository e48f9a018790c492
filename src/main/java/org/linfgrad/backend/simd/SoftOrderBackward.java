package org.linfgrad.backend.simd;

// OMIT FILE soft-order-backward: the student copy routes this kernel to the reference, where the student writes it

import org.linfgrad.backend.RankedInputs;
import org.linfgrad.tensor.Tensor;

/**
 * The gradients of the soft order statistic from the ranks its forward kept ({@link SoftOrderForward}): with
 * i_r the input sorted into rank r, dL/dx_b,i_r += g_bj a_jr, dL/dw_j,i_r -= g_bj a_jr and
 * dL/da_jr += g_bj z_(r), for the ranks r of every neuron's window (dL/da is 0 at the dropped ranks). Two passes
 * on all threads, so that no thread writes where another does: dL/dw and dL/da split by neurons, each summed
 * over the samples in order, and dL/dx split by samples, each summed over the neurons in order. Those are the
 * reference's orders of addition, so on a window that drops no weight the gradients are the reference's bit
 * for bit, run after run.
 */
final class SoftOrderBackward {
    private SoftOrderBackward() {}

    static Tensor[] run(Tensor g, Tensor x, Tensor w, Tensor a, RankedInputs ranked) {
        int batch = x.dim(0), n = x.dim(1), m = w.dim(0);
        float[] gs = g.data(), xs = x.data(), ws = w.data(), weights = a.data();
        int[] kept = ranked.inputs(), from = ranked.from(), to = ranked.to();
        float[] gx = new float[batch * n], gw = new float[m * n], ga = new float[m * n];
        Parallel.forRange(m, (j0, j1) -> {
            for (int b = 0; b < batch; b++) {
                for (int j = j0; j < j1; j++) {
                    float gy = gs[b * m + j];
                    int at = ranked.start(b, j) - (from[j] - 1);
                    for (int r = from[j] - 1; r < to[j]; r++) {
                        int i = kept[at + r];
                        gw[j * n + i] -= gy * weights[j * n + r];
                        ga[j * n + r] += gy * (xs[b * n + i] - ws[j * n + i]);
                    }
                }
            }
        });
        Parallel.forRange(batch, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                for (int j = 0; j < m; j++) {
                    float gy = gs[b * m + j];
                    int at = ranked.start(b, j) - (from[j] - 1);
                    for (int r = from[j] - 1; r < to[j]; r++) {
                        gx[b * n + kept[at + r]] += gy * weights[j * n + r];
                    }
                }
            }
        });
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n), Tensor.of(ga, m, n)};
    }
}
