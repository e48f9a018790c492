package org.linfgrad.backend.opencl;

// OMIT FILE simd-linf-forward: the student copy routes the L-inf forward to the student's simd kernel

import com.aparapi.Kernel;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * Sparse L-infinity distance: y_bj = max over the kept inputs i of neuron j of |x_bi - w_ji|, one work item
 * per (j, b), walking the neuron's compressed row ({@link EdgeList}) with its kept weights gathered beside it.
 */
final class SparseLinfForwardKernel extends Kernel {
    private float[] x = {};
    private float[] keptWeights = {};
    private int[] start = {};
    private int[] index = {};
    private float[] y = {};
    private int[] argmax = {};
    private int n;
    private int m;

    @Override
    public void run() {
        int j = getGlobalId(0);
        int b = getGlobalId(1);
        float best = 0;
        int bestIndex = 0;
        if (start[j + 1] > start[j]) {
            bestIndex = index[start[j]];
        }
        for (int e = start[j]; e < start[j + 1]; e++) {
            float distance = abs(x[b * n + index[e]] - keptWeights[e]);
            if (distance > best) {
                best = distance;
                bestIndex = index[e];
            }
        }
        y[b * m + j] = best;
        argmax[b * m + j] = bestIndex;
    }

    ArgReduction compute(Launcher launcher, Tensor inputs, Tensor weights, EdgeList kept) {
        int batch = inputs.dim(0);
        x = inputs.data();
        n = inputs.dim(1);
        m = kept.outputs();
        start = kept.start();
        index = kept.index().length > 0 ? kept.index() : new int[1]; // OpenCL buffers cannot be empty
        keptWeights = new float[index.length];
        for (int j = 0; j < m; j++) {
            for (int e = start[j]; e < start[j + 1]; e++) {
                keptWeights[e] = weights.data()[j * n + index[e]];
            }
        }
        y = new float[batch * m];
        argmax = new int[batch * m];
        put(x).put(keptWeights).put(start).put(index);
        launcher.execute(this, launcher.range(m, batch));
        get(y).get(argmax);
        return new ArgReduction(Tensor.of(y, batch, m), argmax);
    }
}
