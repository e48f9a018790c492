package org.linfgrad.gradcheck;

// OMIT FILE soft-order-backward: a derivation of the soft order statistic's gradient; a stubbing copy carries its values

import java.util.Arrays;
import org.linfgrad.backend.SortKey;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * The gradient of the soft order-statistic layer in double precision, the rank gradient without cancellation
 * (softmax derivatives summed over pairs), for the oracle cases at low temperature.
 */
final class SoftOrderOracle {
    private SoftOrderOracle() {}

    /**
     * The gradient of L = sum_bj c_bj y_bj, y_bj = sum_r a_jr z_(r) + b_j, in double: dL/dx_bi and -dL/dw_ji
     * collect c_bj a_jr for the rank r that z_bji sorts to, dL/db_j = sum_b c_bj, and
     * dL/dr_j = R'(r_j) sum_b c_bj sum_r z_(r) a_jr sum_k a_jk (d_r - d_k), with d_r = d log T(|R - r| / tau) / dR
     * and R' = (n - 1) sigmoid' (r_j).
     */
    static double[][] gradients(Tensor[] in, Tensor cotangent, SoftOrderStat.Kernel kernel, double tau) {
        Tensor x = in[0];
        Tensor w = in[1];
        int batch = x.dim(0);
        int m = w.dim(0);
        int n = w.dim(1);
        double[][] grad = {new double[x.size()], new double[w.size()], new double[m], new double[m]};
        for (int j = 0; j < m; j++) {
            double sigmoid = 1 / (1 + Math.exp(-in[3].data()[j]));
            double rank = 1 + (n - 1) * sigmoid;
            double[] logKernel = new double[n];
            double[] slope = new double[n];
            for (int r = 0; r < n; r++) {
                double d = (rank - (r + 1)) / tau;
                logKernel[r] = kernel == SoftOrderStat.Kernel.LAPLACE ? -Math.abs(d) : -d * d;
                slope[r] = kernel == SoftOrderStat.Kernel.LAPLACE ? -Math.signum(d) / tau : -2 * d / tau;
            }
            double[] a = OracleCases.softmax(logKernel);
            double rankDerivative = (n - 1) * sigmoid * (1 - sigmoid);
            for (int b = 0; b < batch; b++) {
                double cj = cotangent.data()[b * m + j];
                int[] order = sortedInputs(x, w, b, j);
                double dRank = 0;
                for (int r = 0; r < n; r++) {
                    int i = order[r];
                    grad[0][b * n + i] += cj * a[r];
                    grad[1][j * n + i] -= cj * a[r];
                    double pairs = 0;
                    for (int k = 0; k < n; k++) {
                        pairs += a[k] * (slope[r] - slope[k]);
                    }
                    dRank += ((double) x.get(b, i) - w.get(j, i)) * a[r] * pairs;
                }
                grad[2][j] += cj;
                grad[3][j] += cj * dRank * rankDerivative;
            }
        }
        return grad;
    }

    /** The inputs i in the order of z_i = x_bi - w_ji, ascending, ties to the lowest index. */
    private static int[] sortedInputs(Tensor x, Tensor w, int b, int j) {
        int n = w.dim(1);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = SortKey.of(x.get(b, i) - w.get(j, i), i);
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = SortKey.index(keys[r]);
        }
        return order;
    }
}
