package org.linfgrad.backend.reference;

import java.util.Arrays;
import org.linfgrad.backend.SortKey;
import org.linfgrad.tensor.Tensor;

/**
 * One row of the soft weighted order statistic, forward and backward, with its scratch arrays. The r-th
 * smallest z (input i_r) owns the interval [c_{r-1}, c_r], c_r = v_{i_1} + ... + v_{i_r}; its distance to q is
 * d_r = max(0, c_{r-1} - q, q - c_r); omega = softmax(-a d); y = sum_r omega_r z_(r).
 */
final class WeightedRow {
    private final long[] keys;
    private final double[] sorted;
    private final double[] upper;
    private final double[] omega;
    /** dL/dc_k for k = 0..n in {@link #backward}; c_0 = 0 is a constant. */
    private final double[] gradUpper;
    private final int n;

    WeightedRow(int n) {
        this.n = n;
        keys = new long[n];
        sorted = new double[n];
        upper = new double[n];
        omega = new double[n];
        gradUpper = new double[n + 1];
    }

    /** Computes y_bj, keeping the sort, the intervals and omega for {@link #backward}. */
    double forward(Tensor x, Tensor w, Tensor v, Tensor q, float a, int b, int j) {
        NeuronKernels.sortRow(x, w, b, j, keys);
        double cumulative = 0;
        double quantile = q.data()[j];
        double largest = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            int i = SortKey.index(keys[r]);
            sorted[r] = NeuronKernels.z(x, w, b, j, i);
            double lower = cumulative;
            cumulative += v.data()[j * n + i];
            upper[r] = cumulative;
            omega[r] = -a * Math.max(0, Math.max(lower - quantile, quantile - cumulative));
            largest = Math.max(largest, omega[r]);
        }
        double total = 0;
        for (int r = 0; r < n; r++) {
            omega[r] = Math.exp(omega[r] - largest);
            total += omega[r];
        }
        double y = 0;
        for (int r = 0; r < n; r++) {
            omega[r] /= total;
            y += omega[r] * sorted[r];
        }
        return y;
    }

    /** Accumulates the gradients of the row last passed to {@link #forward}, given g = dL/dy_bj. */
    void backward(float g, double y, float a, float quantile, int b, int j,
                  float[] gx, float[] gw, float[] gv, float[] gq) {
        Arrays.fill(gradUpper, 0);
        for (int r = 0; r < n; r++) {
            int i = SortKey.index(keys[r]);
            gx[b * n + i] += (float) (g * omega[r]);
            gw[j * n + i] -= (float) (g * omega[r]);
            double gradDistance = -a * g * omega[r] * (sorted[r] - y);
            double lower = r == 0 ? 0 : upper[r - 1];
            if (lower > quantile) { // q left of the interval: d = c_r - q
                gradUpper[r] += gradDistance;
                gq[j] -= (float) gradDistance;
            } else if (quantile > upper[r]) { // q right of it: d = q - c_{r+1}
                gradUpper[r + 1] -= gradDistance;
                gq[j] += (float) gradDistance;
            }
        }
        double gradUpperSuffix = 0; // c_k sums the first k edge weights, so v_(r) feeds every c_k with k > r
        for (int r = n - 1; r >= 0; r--) {
            gradUpperSuffix += gradUpper[r + 1];
            gv[j * n + SortKey.index(keys[r])] += (float) gradUpperSuffix;
        }
    }
}
