package org.linfgrad.gradcheck;

import static org.linfgrad.gradcheck.GradCheckSuite.of;
import static org.linfgrad.gradcheck.Samplers.distanceInputs;
import static org.linfgrad.gradcheck.Samplers.distinct;
import static org.linfgrad.gradcheck.Samplers.extent;
import static org.linfgrad.gradcheck.Samplers.uniform;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.IntervalMargins;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.SortKey;
import org.linfgrad.loss.Losses;
import org.linfgrad.nn.Linear;
import org.linfgrad.nn.LinfDist;
import org.linfgrad.nn.MeanShift;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.SortNet;
import org.linfgrad.nn.SparseLinfDist;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * Gradient checks of every neuron layer, with respect to its input and every parameter. Inputs come from
 * {@link Samplers#distanceInputs}, away from ties; learnable ranks and quantiles are drawn away from the
 * points where the mixture weights have kinks.
 */
final class NeuronCases {
    private NeuronCases() {}

    static void addTo(List<GradCheckCase> cases) {
        cases.add(of("linear layer", r -> append(uniform(r, -1, 1, extent(r), 3), uniform(r, -1, 1, 4, 3),
                uniform(r, -1, 1, 4)), v -> new Linear(v[1], v[2]).forward(v[0])));
        cases.add(of("linf-dist layer", r -> withBias(r, distance(r)), v -> new LinfDist(v[1], v[2]).forward(v[0])));
        for (double p : new double[] {1, 2.5, 8}) {
            cases.add(of("lp-dist layer p=" + p, r -> withBias(r, distance(r)), v -> lp(v, p)));
        }
        cases.add(of("sparse linf-dist layer", r -> withBias(r, distance(r)), v -> sparse(v, Double.POSITIVE_INFINITY)));
        cases.add(of("sparse lp-dist layer p=8", r -> withBias(r, distance(r)), v -> sparse(v, 8)));
        cases.add(of("order-stat layer", r -> withBias(r, distance(r)), v -> OrderStat.ranks(v[1], v[2],
                ranksFor(v[1].shape())).forward(v[0])));
        cases.add(of("median layer", r -> withBias(r, distance(r)), v -> OrderStat.median(v[1], v[2]).forward(v[0])));
        for (SoftOrderStat.Kernel kernel : SoftOrderStat.Kernel.values()) {
            cases.add(of("soft-order layer " + kernel.name().toLowerCase(), r -> softOrderInputs(r),
                    v -> softOrder(v, kernel)));
        }
        cases.add(of("sortnet layer (evaluation)", r -> withBias(r, distance(r)), v -> sortNet(v, false)));
        cases.add(of("sortnet layer (training, p=8 on a subset)", r -> withBias(r, distance(r)), v -> sortNet(v, true)));
        cases.add(of("weighted-order layer soft", r -> weightedInputs(r), v -> weighted(v, false)));
        cases.add(of("weighted-order layer hard", r -> weightedInputs(r), v -> weighted(v, true)));
        // distinct logits are 0.2 k +- 0.05 apart, so with 2 eps + theta = 0.3 the hinge and its clip at theta
        // stay 0.05 (five steps) away from their kinks
        cases.add(of("hinge loss", r -> new Tensor[] {distinct(r, 1 + extent(r), 2 + extent(r))},
                v -> Losses.hinge(v[0], labels(v[0].shape()), 0.05f, 0.2f)));
        cases.add(of("mixture loss", r -> new Tensor[] {distinct(r, 1 + extent(r), 2 + extent(r)),
                uniform(r, 0.5f, 2, 1)}, v -> Losses.mixture(v[0], labels(v[0].shape()), 0.05f, 0.2f, 0.5f,
                v[1])));
        cases.add(of("interval margins of a linear head", r -> marginInputs(r), v -> Var.apply(
                new IntervalMargins(labels(new int[] {v[0].shape()[0], v[2].shape()[0]})), v)));
        cases.add(of("mean-shift layer (training)", r -> new Tensor[] {uniform(r, -1, 1, 1 + extent(r), extent(r))},
                v -> new MeanShift(v[0].shape()[1]).forward(v[0])));
    }

    /**
     * A box [l, l + width] [B, n], weights [classes, n] with distinct entries (so no difference of two rows
     * comes near the kink of |W_j - W_y|) and a bias [classes].
     */
    private static Tensor[] marginInputs(Random r) {
        int batch = extent(r);
        int n = extent(r);
        int classes = 2 + extent(r);
        Tensor lower = uniform(r, -1, 1, batch, n);
        Tensor width = uniform(r, 0.1f, 1, batch, n);
        float[] upper = new float[lower.size()];
        for (int k = 0; k < upper.length; k++) {
            upper[k] = lower.data()[k] + width.data()[k];
        }
        return append(lower, Tensor.of(upper, batch, n), distinct(r, classes, n), uniform(r, -1, 1, classes));
    }

    /** Labels 0, 1, 2, ... wrapping at the class count. */
    private static int[] labels(int[] logitShape) {
        int[] labels = new int[logitShape[0]];
        for (int b = 0; b < labels.length; b++) {
            labels[b] = b % logitShape[1];
        }
        return labels;
    }

    private static Var lp(Var[] v, double p) {
        LinfDist layer = new LinfDist(v[1], v[2]);
        layer.setP(p);
        return layer.forward(v[0]);
    }

    private static Var sparse(Var[] v, double p) {
        int[] shape = v[1].shape();
        boolean[] mask = new boolean[shape[0] * shape[1]];
        for (int e = 0; e < mask.length; e++) {
            mask[e] = (e * 7 + 3) % 5 < 3; // a fixed pattern that keeps 3 edges in 5
        }
        SparseLinfDist layer = new SparseLinfDist(v[1], v[2], EdgeList.fromMask(mask, shape[0], shape[1]));
        layer.setP(p);
        return layer.forward(v[0]);
    }

    private static Var softOrder(Var[] v, SoftOrderStat.Kernel kernel) {
        SoftOrderStat layer = new SoftOrderStat(v[1], v[2], v[3], kernel);
        layer.setTemperature(0.7);
        return layer.forward(v[0]);
    }

    /** q = 0.6, K = min(3, n); in training a seeded random subset at p = 8. */
    private static Var sortNet(Var[] v, boolean training) {
        SortNet layer = new SortNet(v[1], v[2], 0.6, Math.min(3, v[1].shape()[1]), 5);
        layer.setTraining(training);
        layer.setP(8);
        return layer.forward(v[0]);
    }

    private static Var weighted(Var[] v, boolean hard) {
        WeightedOrderStat layer = new WeightedOrderStat(v[1], v[2], v[3], v[4]);
        layer.setHard(hard);
        layer.setSharpness(4);
        return layer.forward(v[0]);
    }

    private static Tensor[] distance(Random r) {
        return distanceInputs(r, extent(r), 1 + extent(r), extent(r));
    }

    private static Tensor[] withBias(Random r, Tensor[] xw) {
        return append(xw[0], xw[1], uniform(r, -1, 1, xw[1].dim(0)));
    }

    private static Tensor[] append(Tensor... tensors) {
        return tensors;
    }

    /** Ranks 1, 2, ..., n, 1, 2, ... across the neurons. */
    private static int[] ranksFor(int[] weightShape) {
        int[] k = new int[weightShape[0]];
        for (int j = 0; j < k.length; j++) {
            k[j] = 1 + j % weightShape[1];
        }
        return k;
    }

    /** x, w, b and rank logits r whose rank R = 1 + (n-1) sigmoid(r) lies at least 0.2 from every integer. */
    private static Tensor[] softOrderInputs(Random r) {
        Tensor[] xwb = withBias(r, distance(r));
        int n = xwb[1].dim(1);
        float[] logits = new float[xwb[1].dim(0)];
        for (int j = 0; j < logits.length; j++) {
            double rank = n == 1 ? 1 : 1 + r.nextInt(n - 1) + 0.2 + 0.6 * r.nextDouble();
            double fraction = n == 1 ? 0.5 : (rank - 1) / (n - 1);
            logits[j] = (float) Math.log(fraction / (1 - fraction));
        }
        return append(xwb[0], xwb[1], xwb[2], Tensor.of(logits, logits.length));
    }

    /**
     * x, w, b, edge logits u and quantile logits s. Each quantile q_j = sigmoid(s_j) sits in the middle of the
     * widest gap between the interval boundaries of neuron j over all rows, so that no step of the check
     * crosses a boundary (where the soft form has a kink and the hard form a jump).
     */
    private static Tensor[] weightedInputs(Random r) {
        Tensor[] xw = distanceInputs(r, 1 + r.nextInt(2), 1 + extent(r), extent(r));
        Tensor[] xwb = withBias(r, xw);
        int m = xwb[1].dim(0);
        Tensor u = uniform(r, -1, 1, m, xwb[1].dim(1));
        float[] s = new float[m];
        for (int j = 0; j < m; j++) {
            double q = middleOfWidestGap(boundaries(xwb[0], xwb[1], u, j));
            s[j] = (float) Math.log(q / (1 - q));
        }
        return append(xwb[0], xwb[1], xwb[2], u, Tensor.of(s, m));
    }

    /** The cumulative edge-weight boundaries c_r of neuron j in every row, with 0 and 1, sorted. */
    private static double[] boundaries(Tensor x, Tensor w, Tensor u, int j) {
        int n = w.dim(1);
        double[] v = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(u.get(j, i));
            total += v[i];
        }
        double[] c = new double[x.dim(0) * n + 2];
        c[c.length - 1] = 1;
        long[] keys = new long[n];
        for (int b = 0; b < x.dim(0); b++) {
            for (int i = 0; i < n; i++) {
                keys[i] = SortKey.of(x.get(b, i) - w.get(j, i), i);
            }
            Arrays.sort(keys);
            double cumulative = 0;
            for (int r = 0; r < n; r++) {
                cumulative += v[SortKey.index(keys[r])] / total;
                c[1 + b * n + r] = cumulative;
            }
        }
        Arrays.sort(c);
        return c;
    }

    private static double middleOfWidestGap(double[] sorted) {
        int widest = 0;
        for (int k = 1; k + 1 < sorted.length; k++) {
            if (sorted[k + 1] - sorted[k] > sorted[widest + 1] - sorted[widest]) {
                widest = k;
            }
        }
        return (sorted[widest] + sorted[widest + 1]) / 2;
    }
}
