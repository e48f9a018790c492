package org.linfgrad.backend.simd;

// OMIT FILE order-statistic-backward: the student copy routes this kernel to the reference, where the student writes it

import org.linfgrad.tensor.Tensor;

/**
 * The scatter behind every selecting neuron's backward, on all threads: dL/dx_bi = sum of c_bj over the j with
 * index_bj = i (split over samples), dL/dw_ji = -(sum of c_bj over the b with index_bj = i) (split over
 * neurons). Each sum runs in the reference's order, j then b ascending, so the results are identical to it.
 */
final class SelectionBackward {
    private SelectionBackward() {}

    static Tensor[] run(Tensor coefficient, int[] index, int inputs) {
        int batch = coefficient.dim(0), m = coefficient.dim(1);
        float[] c = coefficient.data();
        float[] gx = new float[batch * inputs];
        float[] gw = new float[m * inputs];
        Parallel.forRange(batch, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int j = 0; j < m; j++) {
                    gx[b * inputs + index[b * m + j]] += c[b * m + j];
                }
            }
        });
        Parallel.forRange(m, (from, to) -> {
            for (int b = 0; b < batch; b++) {
                for (int j = from; j < to; j++) {
                    gw[j * inputs + index[b * m + j]] -= c[b * m + j];
                }
            }
        });
        return new Tensor[] {Tensor.of(gx, batch, inputs), Tensor.of(gw, m, inputs)};
    }
}
