package org.linfgrad.backend.opencl;

// OMIT FILE simd-linf-forward: the student copy routes the L-inf forward to the student's simd kernel

import com.aparapi.Kernel;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.tensor.Tensor;

/**
 * Dense L-infinity distance: y_bj = max_i |x_bi - w_ji| and the first i reaching it, one work item per (j, b)
 * streaming the rows x_b and w_j. (Weights read inputs-major, so that neighbouring work items read
 * neighbouring weights, measured 3.4x slower on pocl; no GPU was at hand to measure it there.)
 */
final class LinfForwardKernel extends Kernel {
    private float[] x = {};
    private float[] w = {};
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
        for (int i = 0; i < n; i++) {
            float distance = abs(x[b * n + i] - w[j * n + i]);
            if (distance > best) { // strict: ties keep the lowest index
                best = distance;
                bestIndex = i;
            }
        }
        y[b * m + j] = best;
        argmax[b * m + j] = bestIndex;
    }

    /** Copies x and w to the device and runs. */
    ArgReduction compute(Launcher launcher, Tensor inputs, Tensor weights) {
        bind(inputs, weights);
        put(x).put(w);
        return launch(launcher);
    }

    /** Points the kernel at the host arrays of x and w (not copied yet) and allocates the outputs. */
    void bind(Tensor inputs, Tensor weights) {
        x = inputs.data();
        w = weights.data();
        n = inputs.dim(1);
        m = weights.dim(0);
        y = new float[inputs.dim(0) * m];
        argmax = new int[y.length];
    }

    /** Runs on the x and w the device holds and copies y and the argmax back. */
    ArgReduction launch(Launcher launcher) {
        int batch = y.length / m;
        launcher.execute(this, launcher.range(m, batch));
        get(y).get(argmax);
        return new ArgReduction(Tensor.of(y, batch, m), argmax);
    }
}
