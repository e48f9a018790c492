package org.linfgrad.nn;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.LinfDistance;
import org.linfgrad.autograd.functions.LpDistance;
import org.linfgrad.autograd.functions.SortedDistance;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * SortNet's neuron (Zhang et al., NeurIPS 2022): y_j = sum_{r=1}^{K} omega_r |z|_(r) (+ b_j), |z|_(r) the r-th
 * largest of |x_i - w_ji|, with geometric weights omega_r = q (1 - q)^(r-1) / (1 - (1 - q)^K), which sum to 1.
 * K = 1 is the L-infinity distance neuron.
 * <ul>
 *   <li>Evaluation: that weighted top-K exactly. Lipschitz constant 1 in the L-infinity norm: every |z|_(r) is
 *   1-Lipschitz in x (moving each x_i by at most d moves each |x_i - w_ji|, and so each of their order
 *   statistics, by at most d), and y is a convex combination of them. Monotone in every |z_i|, so its interval
 *   bounds are the same weighted top-K of the smallest and of the largest |z_i| over the box.</li>
 *   <li>Training: the expectation trick. The max of |z_i| over a random subset S of the inputs, each kept with
 *   probability q, is |z|_(r) with probability q (1 - q)^(r-1): the untruncated weights. Each training
 *   forward draws one subset, shared by the neurons and the samples of the batch, and computes the L-infinity
 *   neuron over it, or its L-p relaxation while p is finite. The subsets come from a seeded counter kept in
 *   the state, so a resumed run draws the subsets an uninterrupted one would.</li>
 * </ul>
 */
public final class SortNet extends NeuronLayer {
    private final double q;
    private final int k;
    private final long maskSeed;
    private long draws;
    private boolean training = true;
    private double p = Double.POSITIVE_INFINITY;

    /** Weights N(0, 1) (the identity initialisation where in &lt;= out, as for L-inf layers), subsets seeded by rng. */
    public SortNet(int in, int out, boolean bias, double q, int k, Random rng) {
        this(Var.param(Init.normal(rng, out, in)), bias ? Var.param(Tensor.zeros(out)) : null, q, k, rng.nextLong());
        if (in <= out) {
            Init.identity(weight().value(), Init.IDENTITY_VALUE);
        }
    }

    /** A layer around existing parameters: weights [out, in], bias [out] or null, 0 &lt; q &lt;= 1, 1 &lt;= k &lt;= in. */
    public SortNet(Var weight, Var bias, double q, int k, long maskSeed) {
        super(weight, bias);
        if (!(q > 0 && q <= 1) || k < 1 || k > weight.shape()[1]) {
            throw new IllegalArgumentException("SortNet: q must be in (0, 1] and K in [1, " + weight.shape()[1]
                    + "], got q " + q + ", K " + k);
        }
        this.q = q;
        this.k = k;
        this.maskSeed = maskSeed;
    }

    @Override
    public Var forward(Var x) {
        if (!training) {
            return withBias(Var.apply(new SortedDistance(rankWeights()), x, weight()));
        }
        // the subset's columns of x and w, gathered by a one-hot matrix (exact: one product per entry), so that
        // the dense distance kernels run on them
        Var columns = Var.constant(randomColumns());
        Var kept = x.matmul(columns);
        Var weights = weight().matmul(columns);
        EdgeList all = EdgeList.full(weights.shape()[0], weights.shape()[1]);
        Var y = Double.isInfinite(p)
                ? Var.apply(new LinfDistance(all), kept, weights)
                : Var.apply(new LpDistance(all, (float) p), kept, weights);
        return withBias(y);
    }

    /** omega_r = q (1 - q)^(r-1) / (1 - (1 - q)^K) for r = 1..K. */
    public float[] rankWeights() {
        float[] omega = new float[k];
        double total = 1 - Math.pow(1 - q, k);
        for (int r = 0; r < k; r++) {
            omega[r] = (float) (q * Math.pow(1 - q, r) / total);
        }
        return omega;
    }

    /**
     * The one-hot matrix [in, |S|] of this draw's subset S: each input kept with probability q (at least one),
     * the same for every neuron and every sample of the batch.
     */
    private Tensor randomColumns() {
        int n = weight().shape()[1];
        // SplittableRandom mixes its seed: java.util.Random's first draws of consecutive seeds are correlated,
        // which kept the same inputs draw after draw
        SplittableRandom rng = new SplittableRandom(maskSeed + 0x9E3779B97F4A7C15L * draws++);
        int[] kept = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < q) {
                kept[size++] = i;
            }
        }
        if (size == 0) {
            kept[size++] = rng.nextInt(n);
        }
        float[] columns = new float[n * size];
        for (int c = 0; c < size; c++) {
            columns[kept[c] * size + c] = 1;
        }
        return Tensor.of(columns, n, size);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** Sets the exponent of the training form: a finite p >= 1 for the L-p relaxation, or infinity. */
    public void setP(double p) {
        if (!(p >= 1)) {
            throw new IllegalArgumentException("SortNet: p must be >= 1 (or infinity), got " + p);
        }
        this.p = p;
    }

    public double q() {
        return q;
    }

    public int k() {
        return k;
    }

    /** The parameters, and the settings {@code q}, {@code k}, {@code mask_seed} and {@code draws}. */
    @Override
    public LayerState state() {
        return LayerState.of(parameters()).withSetting("q", q).withSetting("k", k).withSetting("mask_seed", maskSeed)
                .withSetting("draws", draws);
    }

    @Override
    public Layer restore(LayerState saved) {
        saved.copyInto(parameters());
        double savedK = saved.number("k");
        if (savedK != Math.rint(savedK)) {
            throw new IllegalArgumentException("setting 'k' is " + savedK + ", not a whole number");
        }
        SortNet layer = new SortNet(weight(), bias(), saved.number("q"), (int) savedK,
                Long.parseLong(saved.setting("mask_seed")));
        layer.draws = Long.parseLong(saved.setting("draws"));
        layer.training = training;
        layer.p = p;
        return layer;
    }

    @Override
    public String toString() {
        return "SortNet(q " + q + ", K " + k + ", omega " + Arrays.toString(rankWeights()) + ")";
    }
}
