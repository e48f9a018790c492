package org.linfgrad.gradcheck;

// OMIT FILE log-softmax-backward: a derivation of the softmax gradient; a copy that stubs the task carries its values

import org.linfgrad.tensor.Tensor;

/**
 * The gradient of a softmax in double precision, written without cancellation: for L = sum_i c_i a_i and
 * a = softmax(x), dL/dx_i = a_i sum_k a_k (c_i - c_k) per row, summed over pairs, never as
 * a_i (c_i - sum_k a_k c_k), which loses everything once a weight rounds to 1 (in double too, 40 apart).
 */
final class SoftmaxOracle {
    private SoftmaxOracle() {}

    static double[][] gradients(Tensor[] in, Tensor cotangent) {
        int n = in[0].dim(1);
        float[] c = cotangent.data();
        double[] grad = new double[in[0].size()];
        for (int row = 0; row < grad.length; row += n) {
            double[] a = OracleCases.softmax(OracleCases.toDouble(in[0].data(), row, n));
            for (int i = 0; i < n; i++) {
                double pairs = 0;
                for (int k = 0; k < n; k++) {
                    pairs += a[k] * ((double) c[row + i] - c[row + k]);
                }
                grad[row + i] = a[i] * pairs;
            }
        }
        return new double[][] {grad};
    }
}
