package org.linfgrad.backend.opencl;

import com.aparapi.Kernel;
import org.linfgrad.tensor.Tensor;

/**
 * Dense L-p distance and its gradients, one launch each.
 * <ul>
 *   <li>forward, one work item per (j, b): y_bj = mx (sum_i (|z_bji| / mx)^p)^(1/p), z = x_bi - w_ji, with
 *       mx = max_i |z_bji| (y = 0 when mx = 0), so that it neither overflows nor underflows;
 *   <li>dL/dx_bi = sum_j c_bji, one work item per (i, b), and dL/dw_ji = -sum_b c_bji, one per (i, j), with
 *       c_bji = g_bj (|z_bji| / y_bj)^(p-1) sign(z_bji) and c = 0 where y_bj = 0. Each launch owns its outputs,
 *       so no atomics are needed.
 * </ul>
 * A whole p is raised by repeated squaring ({@link #power}), which pocl runs many times faster than its pow.
 */
final class LpDistanceKernel extends Kernel {
    private static final int FORWARD = 0;
    private static final int INPUT_GRADIENT = 1;
    private static final int WEIGHT_GRADIENT = 2;

    private float[] x = {};
    private float[] w = {};
    private float[] g = new float[1]; // bound but unread by the forward launch; OpenCL buffers cannot be empty
    private float[] y = new float[1];
    private float[] result = {};
    private int batch;
    private int n;
    private int m;
    private float p;
    private int wholeP;
    private int mode;

    @Override
    public void run() {
        if (mode == FORWARD) {
            forwardAt(getGlobalId(0), getGlobalId(1));
        }
        // BEGIN OMIT lp-backward
        else {
            gradientAt(getGlobalId(0), getGlobalId(1));
        }
        // END OMIT
    }

    private void forwardAt(int j, int b) {
        float largest = 0;
        for (int i = 0; i < n; i++) {
            largest = max(largest, abs(x[b * n + i] - w[j * n + i]));
        }
        float distance = 0;
        if (largest > 0) {
            float sum = 0;
            for (int i = 0; i < n; i++) {
                sum += power(abs(x[b * n + i] - w[j * n + i]) / largest, wholeP, p);
            }
            distance = largest * pow(sum, 1f / p);
        }
        result[b * m + j] = distance;
    }

    // BEGIN OMIT lp-backward
    private void gradientAt(int i, int row) {
        float sum = 0;
        if (mode == INPUT_GRADIENT) {
            for (int j = 0; j < m; j++) {
                sum += coefficient(row, j, i);
            }
        } else {
            for (int b = 0; b < batch; b++) {
                sum -= coefficient(b, row, i);
            }
        }
        result[row * n + i] = sum;
    }

    private float coefficient(int b, int j, int i) {
        float out = y[b * m + j];
        float c = 0;
        if (out > 0) {
            float z = x[b * n + i] - w[j * n + i];
            float sign = 0;
            if (z > 0) {
                sign = 1;
            } else if (z < 0) {
                sign = -1;
            }
            c = g[b * m + j] * power(abs(z) / out, wholeP - 1, p - 1) * sign;
        }
        return c;
    }
    // END OMIT

    /** u^e: by repeated squaring when the exponent is whole ({@code whole >= 0}), else pow(u, e). */
    private float power(float u, int whole, float e) {
        float product = 1;
        if (whole >= 0) {
            float square = u;
            for (int bits = whole; bits > 0; bits >>= 1) {
                if ((bits & 1) == 1) {
                    product *= square;
                }
                square *= square;
            }
        } else {
            product = pow(u, e);
        }
        return product;
    }

    Tensor forward(Launcher launcher, Tensor inputs, Tensor weights, float power) {
        bind(inputs, weights, power);
        put(x).put(w);
        return launch(launcher, FORWARD, m, batch);
    }

    // BEGIN OMIT lp-backward
    Tensor[] backward(Launcher launcher, Tensor upstream, Tensor inputs, Tensor weights, Tensor output, float power) {
        bind(inputs, weights, power);
        g = upstream.data();
        y = output.data();
        put(x).put(w).put(g).put(y);
        return new Tensor[] {launch(launcher, INPUT_GRADIENT, n, batch), launch(launcher, WEIGHT_GRADIENT, n, m)};
    }
    // END OMIT

    private void bind(Tensor inputs, Tensor weights, float power) {
        x = inputs.data();
        w = weights.data();
        batch = inputs.dim(0);
        n = inputs.dim(1);
        m = weights.dim(0);
        p = power;
        wholeP = power == Math.rint(power) && power >= 1 && power <= 1 << 20 ? (int) power : -1;
    }

    /** Runs one mode over width x height work items; the result is [height, width]. */
    private Tensor launch(Launcher launcher, int launchMode, int width, int height) {
        mode = launchMode;
        result = new float[width * height];
        launcher.execute(this, launcher.range(width, height));
        get(result);
        return Tensor.of(result, height, width);
    }
}
