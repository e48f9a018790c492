package org.linfgrad.gradcheck;

import static org.linfgrad.gradcheck.Samplers.distanceInputs;
import static org.linfgrad.gradcheck.Samplers.extent;
import static org.linfgrad.gradcheck.Samplers.uniform;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.LogSoftmax;
import org.linfgrad.backend.SortKey;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * Gradient checks against double-precision oracles, for gradients too small for central differences in float32
 * to see: a softmax whose largest weight rounds to 1, and the soft order statistic's rank gradient at the
 * temperatures the trainer anneals through (1 down to 0.01). Each oracle is written in a form without
 * cancellation: the softmax derivative as a_i sum_k a_k (d_i - d_k), summed over pairs, never as
 * a_i (d_i - sum_k a_k d_k), which loses everything once a weight rounds to 1 (in double too, at tau = 0.01).
 */
final class OracleCases {
    private OracleCases() {}

    static void addTo(List<GradCheckCase> cases) {
        cases.add(saturatedSoftmax(new LogSoftmax()));
        for (double tau : new double[] {1, 0.3, 0.05, 0.01}) {
            cases.add(softOrder(SoftOrderStat.Kernel.LAPLACE, tau));
        }
        for (double tau : new double[] {1, 0.1}) {
            cases.add(softOrder(SoftOrderStat.Kernel.GAUSSIAN, tau));
        }
    }

    /**
     * softmax(x) = exp(logSoftmax(x)) on rows with one entry 20 to 40 above the others, so that its weight rounds
     * to 1 in float32; {@code logSoftmax} is the function under test (a test passes a planted bug).
     */
    static GradCheckCase saturatedSoftmax(Function<?> logSoftmax) {
        return new GradCheckCase("softmax, saturated rows (double oracle)", OracleCases::saturatedRows,
                v -> Var.apply(logSoftmax, v[0]).exp(), OracleCases::softmaxGradient);
    }

    /** The soft order-statistic layer at temperature tau, ranks 0.05 to 0.45 from a position. */
    static GradCheckCase softOrder(SoftOrderStat.Kernel kernel, double tau) {
        return new GradCheckCase("soft-order layer " + kernel.name().toLowerCase() + " tau=" + tau + " (double oracle)",
                OracleCases::softOrderInputs, v -> softOrderLayer(v, kernel, tau).forward(v[0]),
                (in, c) -> softOrderGradient(in, c, kernel, tau));
    }

    private static Tensor[] saturatedRows(Random r) {
        int rows = extent(r);
        int n = 2 + extent(r);
        float[] x = new float[rows * n];
        for (int row = 0; row < rows; row++) {
            int top = r.nextInt(n);
            for (int i = 0; i < n; i++) {
                x[row * n + i] = i == top ? (float) r.nextGaussian() : -20 - 20 * r.nextFloat();
            }
        }
        return new Tensor[] {Tensor.of(x, rows, n)};
    }

    /** dL/dx_i = a_i sum_k a_k (c_i - c_k) per row, for L = sum_i c_i a_i and a = softmax(x). */
    private static double[][] softmaxGradient(Tensor[] in, Tensor cotangent) {
        int n = in[0].dim(1);
        float[] c = cotangent.data();
        double[] grad = new double[in[0].size()];
        for (int row = 0; row < grad.length; row += n) {
            double[] a = softmax(toDouble(in[0].data(), row, n));
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

    private static double[] softmax(double[] x) {
        double max = Arrays.stream(x).max().orElse(0);
        double[] a = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.exp(x[i] - max);
            sum += a[i];
        }
        for (int i = 0; i < x.length; i++) {
            a[i] /= sum;
        }
        return a;
    }

    private static double[] toDouble(float[] x, int from, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[from + i];
        }
        return d;
    }

    /** x, w, b (distinct z, as for every neuron case) and rank logits whose rank R is 0.05 to 0.45 off a position. */
    private static Tensor[] softOrderInputs(Random r) {
        int n = 2 + extent(r);
        Tensor[] xw = distanceInputs(r, extent(r), n, extent(r));
        int m = xw[1].dim(0);
        float[] logits = new float[m];
        for (int j = 0; j < m; j++) {
            double rank = 1 + r.nextInt(n - 1) + (r.nextBoolean() ? 0.05 + 0.4 * r.nextDouble() : 0.55 + 0.4 * r.nextDouble());
            double fraction = (rank - 1) / (n - 1);
            logits[j] = (float) Math.log(fraction / (1 - fraction));
        }
        return new Tensor[] {xw[0], xw[1], uniform(r, -1, 1, m), Tensor.of(logits, m)};
    }

    private static SoftOrderStat softOrderLayer(Var[] v, SoftOrderStat.Kernel kernel, double tau) {
        SoftOrderStat layer = new SoftOrderStat(v[1], v[2], v[3], kernel);
        layer.setTemperature(tau);
        return layer;
    }

    /**
     * The gradient of L = sum_bj c_bj y_bj, y_bj = sum_r a_jr z_(r) + b_j, in double: dL/dx_bi and -dL/dw_ji
     * collect c_bj a_jr for the rank r that z_bji sorts to, dL/db_j = sum_b c_bj, and
     * dL/dr_j = R'(r_j) sum_b c_bj sum_r z_(r) a_jr sum_k a_jk (d_r - d_k), with d_r = d log T(|R - r| / tau) / dR
     * and R' = (n - 1) sigmoid' (r_j).
     */
    private static double[][] softOrderGradient(Tensor[] in, Tensor cotangent, SoftOrderStat.Kernel kernel, double tau) {
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
            double[] a = softmax(logKernel);
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
