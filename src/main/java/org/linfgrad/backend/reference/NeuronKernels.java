package org.linfgrad.backend.reference;

import java.util.Arrays;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.DistanceShapes;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.SortKey;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * The plain-loop kernels of the distance and order-statistic neurons: the oracle for the fast backends.
 * Every kernel visits output (b, j) and reads the row z_bj = x_b - w_j. Order statistics sort the row with
 * {@link SortKey}, so ties go to the lowest index.
 */
final class NeuronKernels {
    private NeuronKernels() {}

    static ArgReduction linfDist(Tensor x, Tensor w, EdgeList kept) {
        int[] d = DistanceShapes.check("linfDist", x, w);
        kept.requireFits("linfDist", w.shape());
        int batch = d[0], n = d[1], m = d[2];
        float[] xs = x.data(), ws = w.data();
        float[] y = new float[batch * m];
        int[] arg = new int[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                float best = 0;
                int bestIndex = kept.degree(j) > 0 ? kept.index()[kept.start()[j]] : 0;
                for (int e = kept.start()[j]; e < kept.start()[j + 1]; e++) {
                    int i = kept.index()[e];
                    float dist = Math.abs(xs[b * n + i] - ws[j * n + i]);
                    if (dist > best) {
                        best = dist;
                        bestIndex = i;
                    }
                }
                y[b * m + j] = best;
                arg[b * m + j] = bestIndex;
            }
        }
        return new ArgReduction(Tensor.of(y, batch, m), arg);
    }

    static Tensor[] linfDistBackward(Tensor g, Tensor x, Tensor w, int[] argmax) {
        int[] d = DistanceShapes.check("linfDistBackward", x, w);
        Shape.requireSame("linfDistBackward gradient", g.shape(), new int[] {d[0], d[2]});
        int n = d[1], m = d[2];
        // BEGIN SOLUTION linf-backward
        float[] xs = x.data(), ws = w.data();
        float[] coefficient = g.data().clone();
        for (int b = 0; b < coefficient.length / m; b++) {
            for (int j = 0; j < m; j++) {
                int i = argmax[b * m + j];
                coefficient[b * m + j] *= Math.signum(xs[b * n + i] - ws[j * n + i]);
            }
        }
        return selectionBackward(Tensor.of(coefficient, g.shape()), argmax, n);
        // END SOLUTION
    }

    static Tensor lpDist(Tensor x, Tensor w, EdgeList kept, float p) {
        ArgReduction max = linfDist(x, w, kept);
        int[] d = DistanceShapes.check("lpDist", x, w);
        int batch = d[0], n = d[1], m = d[2];
        float[] xs = x.data(), ws = w.data(), y = max.values().data().clone();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                float largest = y[b * m + j];
                if (largest == 0) {
                    continue;
                }
                double sum = 0;
                for (int e = kept.start()[j]; e < kept.start()[j + 1]; e++) {
                    int i = kept.index()[e];
                    sum += Math.pow(Math.abs(xs[b * n + i] - ws[j * n + i]) / largest, p);
                }
                y[b * m + j] = (float) (largest * Math.pow(sum, 1.0 / p));
            }
        }
        return Tensor.of(y, batch, m);
    }

    static Tensor[] lpDistBackward(Tensor g, Tensor x, Tensor w, EdgeList kept, Tensor y, float p) {
        int[] d = DistanceShapes.check("lpDistBackward", x, w);
        int batch = d[0], n = d[1], m = d[2];
        // BEGIN SOLUTION lp-backward
        float[] xs = x.data(), ws = w.data(), ys = y.data(), gs = g.data();
        float[] gx = new float[batch * n];
        float[] gw = new float[m * n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                float out = ys[b * m + j];
                if (out == 0) {
                    continue;
                }
                for (int e = kept.start()[j]; e < kept.start()[j + 1]; e++) {
                    int i = kept.index()[e];
                    float z = xs[b * n + i] - ws[j * n + i];
                    float c = (float) (gs[b * m + j] * Math.pow(Math.abs(z) / out, p - 1) * Math.signum(z));
                    gx[b * n + i] += c;
                    gw[j * n + i] -= c;
                }
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n)};
        // END SOLUTION
    }

    static Tensor[] selectionBackward(Tensor coefficient, int[] index, int inputs) {
        Shape.requireRank("selectionBackward", coefficient.shape(), 2);
        int batch = coefficient.dim(0), m = coefficient.dim(1);
        // BEGIN SOLUTION order-statistic-backward
        float[] c = coefficient.data();
        float[] gx = new float[batch * inputs];
        float[] gw = new float[m * inputs];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                int i = index[b * m + j];
                gx[b * inputs + i] += c[b * m + j];
                gw[j * inputs + i] -= c[b * m + j];
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, inputs), Tensor.of(gw, m, inputs)};
        // END SOLUTION
    }

    static ArgReduction[] topDistances(Tensor x, Tensor w, int k) {
        int[] d = DistanceShapes.check("topDistances", x, w);
        int batch = d[0], n = d[1], m = d[2];
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("topDistances: k must be in [1, " + n + "], got " + k);
        }
        float[][] values = new float[k][batch * m];
        int[][] inputs = new int[k][batch * m];
        long[] keys = new long[n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    // -|z| sorts the largest magnitude first, ties to the lowest index
                    keys[i] = SortKey.of(-Math.abs(x.data()[b * n + i] - w.data()[j * n + i]), i);
                }
                Arrays.sort(keys);
                for (int r = 0; r < k; r++) {
                    int i = SortKey.index(keys[r]);
                    values[r][b * m + j] = Math.abs(x.data()[b * n + i] - w.data()[j * n + i]);
                    inputs[r][b * m + j] = i;
                }
            }
        }
        ArgReduction[] top = new ArgReduction[k];
        for (int r = 0; r < k; r++) {
            top[r] = new ArgReduction(Tensor.of(values[r], batch, m), inputs[r]);
        }
        return top;
    }

    static ArgReduction orderStat(Tensor x, Tensor w, int[] k) {
        int[] d = DistanceShapes.check("orderStat", x, w);
        int batch = d[0], n = d[1], m = d[2];
        if (k.length != m) {
            throw new IllegalArgumentException("orderStat: " + k.length + " ranks for " + m + " neurons");
        }
        float[] y = new float[batch * m];
        int[] arg = new int[batch * m];
        long[] keys = new long[n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                if (k[j] < 1 || k[j] > n) {
                    throw new IllegalArgumentException("orderStat: rank " + k[j] + " of neuron " + j
                            + " is outside [1, " + n + "]");
                }
                sortRow(x, w, b, j, keys);
                int i = SortKey.index(keys[k[j] - 1]);
                arg[b * m + j] = i;
                y[b * m + j] = z(x, w, b, j, i);
            }
        }
        return new ArgReduction(Tensor.of(y, batch, m), arg);
    }

    static Tensor softOrderStat(Tensor x, Tensor w, Tensor a) {
        int[] d = DistanceShapes.check("softOrderStat", x, w);
        Shape.requireSame("softOrderStat weights", a.shape(), w.shape());
        int batch = d[0], n = d[1], m = d[2];
        float[] y = new float[batch * m];
        long[] keys = new long[n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                sortRow(x, w, b, j, keys);
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += a.data()[j * n + r] * z(x, w, b, j, SortKey.index(keys[r]));
                }
                y[b * m + j] = (float) sum;
            }
        }
        return Tensor.of(y, batch, m);
    }

    static Tensor[] softOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor a) {
        int[] d = DistanceShapes.check("softOrderStatBackward", x, w);
        Shape.requireSame("softOrderStatBackward gradient", g.shape(), new int[] {d[0], d[2]});
        Shape.requireSame("softOrderStatBackward weights", a.shape(), w.shape());
        int batch = d[0], n = d[1], m = d[2];
        // BEGIN SOLUTION soft-order-backward
        float[] gx = new float[batch * n], gw = new float[m * n], ga = new float[m * n];
        long[] keys = new long[n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                float gy = g.data()[b * m + j];
                sortRow(x, w, b, j, keys);
                for (int r = 0; r < n; r++) {
                    int i = SortKey.index(keys[r]);
                    float c = gy * a.data()[j * n + r];
                    gx[b * n + i] += c;
                    gw[j * n + i] -= c;
                    ga[j * n + r] += gy * z(x, w, b, j, i);
                }
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n), Tensor.of(ga, m, n)};
        // END SOLUTION
    }

    static ArgReduction weightedQuantile(Tensor x, Tensor w, Tensor v, Tensor q) {
        int[] d = DistanceShapes.check("weightedQuantile", x, w);
        requireWeightedShapes("weightedQuantile", w, v, q);
        int batch = d[0], n = d[1], m = d[2];
        float[] y = new float[batch * m];
        int[] arg = new int[batch * m];
        long[] keys = new long[n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                sortRow(x, w, b, j, keys);
                float quantile = q.data()[j];
                double upper = 0;
                int chosen = SortKey.index(keys[n - 1]);
                for (int r = 0; r < n; r++) {
                    int i = SortKey.index(keys[r]);
                    upper += v.data()[j * n + i];
                    if (quantile < upper) {
                        chosen = i;
                        break;
                    }
                }
                arg[b * m + j] = chosen;
                y[b * m + j] = z(x, w, b, j, chosen);
            }
        }
        return new ArgReduction(Tensor.of(y, batch, m), arg);
    }

    static Tensor weightedOrderStat(Tensor x, Tensor w, Tensor v, Tensor q, float a) {
        int[] d = DistanceShapes.check("weightedOrderStat", x, w);
        requireWeightedShapes("weightedOrderStat", w, v, q);
        int batch = d[0], n = d[1], m = d[2];
        float[] y = new float[batch * m];
        WeightedRow row = new WeightedRow(n);
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                y[b * m + j] = (float) row.forward(x, w, v, q, a, b, j);
            }
        }
        return Tensor.of(y, batch, m);
    }

    static Tensor[] weightedOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor v, Tensor q, float a) {
        int[] d = DistanceShapes.check("weightedOrderStatBackward", x, w);
        requireWeightedShapes("weightedOrderStatBackward", w, v, q);
        Shape.requireSame("weightedOrderStatBackward gradient", g.shape(), new int[] {d[0], d[2]});
        int batch = d[0], n = d[1], m = d[2];
        float[] gx = new float[batch * n], gw = new float[m * n], gv = new float[m * n], gq = new float[m];
        WeightedRow row = new WeightedRow(n);
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                double y = row.forward(x, w, v, q, a, b, j);
                row.backward(g.data()[b * m + j], y, a, q.data()[j], b, j, gx, gw, gv, gq);
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n), Tensor.of(gv, m, n),
                Tensor.of(gq, q.shape())};
    }

    /** z_bji = x_bi - w_ji. */
    static float z(Tensor x, Tensor w, int b, int j, int i) {
        int n = x.dim(1);
        return x.data()[b * n + i] - w.data()[j * n + i];
    }

    /** Fills {@code keys} with the sort keys of row z_bj, sorted ascending. */
    static void sortRow(Tensor x, Tensor w, int b, int j, long[] keys) {
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SortKey.of(z(x, w, b, j, i), i);
        }
        Arrays.sort(keys);
    }

    private static void requireWeightedShapes(String op, Tensor w, Tensor v, Tensor q) {
        Shape.requireSame(op + " edge weights", v.shape(), w.shape());
        Shape.requireSame(op + " quantiles", q.shape(), new int[] {w.dim(0)});
    }
}
