package org.linfgrad.backend.opencl;

// OMIT FILE order-statistic-backward: the student copy routes this kernel to the reference, where the student writes it

import com.aparapi.Kernel;
import org.linfgrad.tensor.Tensor;

/**
 * The backward of every neuron that selects one input per output (L-infinity distance, order statistics):
 * dL/dx_bi = sum of c_bj over the j with index_bj = i, one work item per sample b walking j in order;
 * dL/dw_ji = -(sum of c_bj over the b with index_bj = i), one work item per neuron j walking b in order. The
 * sums run in the reference's order, so the results are identical to it.
 */
final class SelectionBackwardKernel extends Kernel {
    private float[] c = {};
    private int[] index = {};
    private float[] gradient = {};
    private int batch;
    private int n;
    private int m;
    private int forWeights;

    @Override
    public void run() {
        int row = getGlobalId(0);
        for (int i = 0; i < n; i++) {
            gradient[row * n + i] = 0;
        }
        if (forWeights == 0) {
            for (int j = 0; j < m; j++) {
                gradient[row * n + index[row * m + j]] += c[row * m + j];
            }
        } else {
            for (int b = 0; b < batch; b++) {
                gradient[row * n + index[b * m + row]] -= c[b * m + row];
            }
        }
    }

    Tensor[] compute(Launcher launcher, Tensor coefficient, int[] selected, int inputs) {
        c = coefficient.data();
        index = selected;
        batch = coefficient.dim(0);
        m = coefficient.dim(1);
        n = inputs;
        put(c).put(index);
        Tensor gx = launch(launcher, 0, batch);
        Tensor gw = launch(launcher, 1, m);
        return new Tensor[] {gx, gw};
    }

    private Tensor launch(Launcher launcher, int weightsPass, int rows) {
        forWeights = weightsPass;
        gradient = new float[rows * n];
        launcher.execute(this, launcher.range(rows));
        get(gradient);
        return Tensor.of(gradient, rows, n);
    }
}
