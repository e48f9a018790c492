package org.linfgrad.backend.simd;

// OMIT FILE soft-order-backward: the student copy routes this kernel to the reference, where the student writes it

import java.util.ArrayList;
import java.util.List;
import org.linfgrad.tensor.Tensor;

/**
 * The gradients of the soft order statistic over the window of ranks of every neuron ({@link RankWindows}):
 * with i_r the input sorted into rank r, dL/dx_b,i_r += g_bj a_jr, dL/dw_j,i_r -= g_bj a_jr and
 * dL/da_jr += g_bj z_(r), for the ranks r of the window (dL/da is 0 at the dropped ranks). Each thread adds
 * into its own copy of the gradient whose rows other threads share (dL/dx when the neurons are split, dL/dw
 * and dL/da when the samples are), and the copies are summed at the end: the sums agree with the reference's
 * within rounding.
 */
final class SoftOrderBackward {
    private SoftOrderBackward() {}

    private record Grads(float[] gx, float[] gw, float[] ga) {}

    static Tensor[] run(Tensor g, Tensor x, Tensor w, Tensor a, RankWindows windows) {
        int batch = x.dim(0), n = x.dim(1), m = w.dim(0);
        float[] gs = g.data(), weights = a.data();
        boolean byNeuron = BlockWalk.splitsBlocks((m + DistanceForward.BLOCK - 1) / DistanceForward.BLOCK, batch);
        Grads shared = new Grads(byNeuron ? null : new float[batch * n], byNeuron ? new float[m * n] : null,
                byNeuron ? new float[m * n] : null);
        List<Grads> copies = new ArrayList<>();
        OrderSelect select = windows.select(x, w);
        select.walk(() -> {
            Grads own = new Grads(byNeuron ? new float[batch * n] : shared.gx(),
                    byNeuron ? shared.gw() : new float[m * n], byNeuron ? shared.ga() : new float[m * n]);
            synchronized (copies) {
                copies.add(own);
            }
            return own;
        }, (own, selected, b, j0) -> {
            for (int l = 0; l < DistanceForward.BLOCK; l++) {
                if (selected.active(l)) {
                    int j = j0 + l;
                    float gy = gs[b * m + j];
                    for (int r = windows.from()[j] - 1; r < windows.to()[j]; r++) {
                        int i = selected.index(l, r - windows.from()[j] + 1);
                        float c = gy * weights[j * n + r];
                        own.gx()[b * n + i] += c;
                        own.gw()[j * n + i] -= c;
                        own.ga()[j * n + r] += gy * select.z(b, j, i);
                    }
                }
            }
        });
        float[] gx = byNeuron ? new float[batch * n] : shared.gx();
        float[] gw = byNeuron ? shared.gw() : new float[m * n];
        float[] ga = byNeuron ? shared.ga() : new float[m * n];
        for (Grads own : copies) {
            if (byNeuron) {
                addInto(gx, own.gx());
            } else {
                addInto(gw, own.gw());
                addInto(ga, own.ga());
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n), Tensor.of(ga, m, n)};
    }

    private static void addInto(float[] total, float[] part) {
        for (int e = 0; e < total.length; e++) {
            total[e] += part[e];
        }
    }
}
