package org.linfgrad.backend.simd;

import org.linfgrad.backend.RankedInputs;
import org.linfgrad.backend.SoftOrderOutput;
import org.linfgrad.tensor.Tensor;

/**
 * The soft order statistic y_bj = sum_r a_jr sorted_r(z_bj) over the window of ranks of every neuron
 * ({@link RankWindows}: the weights outside it count as 0, within the stated bound), its ranks selected by
 * counting ({@link OrderSelect}) and kept for the backward. The terms a_jr z_(r) are the reference's float
 * products, summed in double in rank order as it does.
 */
final class SoftOrderForward {
    private SoftOrderForward() {}

    /** y and the ranks it summed; {@code ranked} has room for them ({@link RankedInputs#allocate}). */
    static SoftOrderOutput run(Tensor x, Tensor w, Tensor a, RankWindows windows, RankedInputs ranked) {
        int batch = x.dim(0), n = x.dim(1), m = w.dim(0);
        float[] weights = a.data();
        float[] y = new float[batch * m];
        int[] kept = ranked.inputs();
        OrderSelect select = windows.select(x, w);
        select.walk(() -> null, (none, selected, b, j0) -> {
            for (int l = 0; l < DistanceForward.BLOCK; l++) {
                if (selected.active(l)) {
                    int j = j0 + l, first = windows.from()[j] - 1, at = ranked.start(b, j) - first;
                    double sum = 0;
                    for (int r = first; r < windows.to()[j]; r++) {
                        int i = selected.index(l, r - first);
                        kept[at + r] = i;
                        sum += weights[j * n + r] * select.z(b, j, i);
                    }
                    y[b * m + j] = (float) sum;
                }
            }
        });
        return new SoftOrderOutput(Tensor.of(y, batch, m), ranked);
    }
}
