package org.linfgrad.nn;

import java.util.Map;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.SoftOrderStatistic;
import org.linfgrad.tensor.Tensor;

/**
 * The soft order-statistic neuron with a learnable rank: y_j = sum_i a_ji z_(i) (+ b_j), z_(i) the i-th
 * smallest of z = x - w_j, with mixture weights a_ji = T(|R_j - i| / tau) / sum_k T(|R_j - k| / tau) for a
 * decreasing kernel T ({@link Kernel}) and the rank R_j = 1 + (n - 1) sigmoid(r_j) kept in [1, n] by its
 * parameterisation. The weights are computed as a softmax of log T, which stays finite for any tau. As tau
 * shrinks the neuron becomes the hard order statistic of rank round(R_j). Gradients reach x, w, b and r.
 * Lipschitz constant in the L-infinity norm: 1 for every R and tau, because a does not depend on x, so y is
 * a convex combination of order statistics, each 1-Lipschitz.
 */
public final class SoftOrderStat extends NeuronLayer {

    /** The decreasing kernel T of the mixture weights. */
    public enum Kernel {
        /** T(d) = exp(-d). */
        LAPLACE,
        /** T(d) = exp(-d^2). */
        GAUSSIAN
    }

    private final Var rankLogit;
    private final Kernel kernel;
    private final Var positions;
    private double tau = 1;

    /** Weights N(0, 1); rank logits 0, so every neuron starts at the middle rank (n + 1) / 2. */
    public SoftOrderStat(int in, int out, boolean bias, Kernel kernel, Random rng) {
        this(Var.param(Init.normal(rng, out, in)), bias ? Var.param(Tensor.zeros(out)) : null,
                Var.param(Tensor.zeros(out)), kernel);
    }

    /**
     * The recipe that starts as an L-infinity distance layer: the identity initialisation where in &lt;= out and
     * every rank at R = n - 1/4 (next to the max), free to move from there.
     */
    public static SoftOrderStat startingAtTheMax(int in, int out, boolean bias, Kernel kernel, Random rng) {
        Tensor weight = Init.normal(rng, out, in);
        if (in <= out) {
            Init.identity(weight, Init.IDENTITY_VALUE);
        }
        float fraction = in == 1 ? 0.5f : (in - 1.25f) / (in - 1);
        Tensor rankLogits = Tensor.full((float) Math.log(fraction / (1 - fraction)), out);
        return new SoftOrderStat(Var.param(weight), bias ? Var.param(Tensor.zeros(out)) : null, Var.param(rankLogits),
                kernel);
    }

    /** A layer around existing parameters: weights [out, in], bias [out] or null, rank logits r [out]. */
    public SoftOrderStat(Var weight, Var bias, Var rankLogit, Kernel kernel) {
        super(weight, bias);
        this.rankLogit = rankLogit;
        this.kernel = kernel;
        int n = weight.shape()[1];
        float[] ranks = new float[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i + 1;
        }
        this.positions = Var.constant(Tensor.of(ranks, 1, n));
    }

    @Override
    public Var forward(Var x) {
        return withBias(Var.apply(new SoftOrderStatistic(), x, weight(), mixture()));
    }

    /** R_j = 1 + (n - 1) sigmoid(r_j), shape [out]. */
    public Var rank() {
        int n = weight().shape()[1];
        return rankLogit.sigmoid().scale(n - 1).add(Var.constant(Tensor.scalar(1)));
    }

    /** The mixture weights a [out, in]: softmax over i of log T(|R_j - i| / tau). */
    public Var mixture() {
        Var distance = rank().reshape(-1, 1).sub(positions).abs().scale((float) (1 / tau));
        Var logKernel = switch (kernel) {
            case LAPLACE -> distance.neg();
            case GAUSSIAN -> distance.mul(distance).neg();
        };
        return logKernel.logSoftmax().exp();
    }

    /** Sets the temperature tau > 0, which the trainer shrinks. */
    public void setTemperature(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("SoftOrderStat: the temperature must be positive and finite, got " + tau);
        }
        this.tau = tau;
    }

    public double temperature() {
        return tau;
    }

    public Kernel kernel() {
        return kernel;
    }

    @Override
    Map<String, Var> extraParameters() {
        return Map.of("rank_logit", rankLogit);
    }

    /** The parameters, and the settings {@code temperature} and {@code kernel}. */
    @Override
    public LayerState state() {
        return LayerState.of(parameters()).withSetting("temperature", tau).withSetting("kernel", kernel.name());
    }

    /** Restores the parameters and the temperature; a saved kernel other than this one's gives a new layer. */
    @Override
    public Layer restore(LayerState saved) {
        saved.copyInto(parameters());
        Kernel savedKernel;
        try {
            savedKernel = Kernel.valueOf(saved.setting("kernel"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting 'kernel' is '" + saved.settings().get("kernel")
                    + "', not one of LAPLACE, GAUSSIAN");
        }
        SoftOrderStat layer = savedKernel == kernel ? this : new SoftOrderStat(weight(), bias(), rankLogit, savedKernel);
        layer.setTemperature(saved.number("temperature"));
        return layer;
    }
}
