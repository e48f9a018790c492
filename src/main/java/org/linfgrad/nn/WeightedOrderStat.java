package org.linfgrad.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.WeightedOrderStatistic;
import org.linfgrad.autograd.functions.WeightedQuantile;
import org.linfgrad.tensor.Tensor;

/**
 * The importance-weighted order statistic. Edge weights v_j = softmax(u_j) over the inputs (positive, summing
 * to 1) give the r-th smallest z = x - w_j the interval [c_{r-1}, c_r) with c_r the sum of the weights of the
 * r smallest; a learnable quantile q_j = sigmoid(s_j) in (0, 1) picks a point of [0, 1).
 * <ul>
 *   <li>Hard form: y_j = the z whose interval holds q_j (+ b_j), a weighted quantile. Lipschitz constant 1 in
 *   the L-infinity norm: the weighted quantile is monotone in every z_i and shifts by c when every z_i does,
 *   and a monotone, translation-equivariant function is 1-Lipschitz. It passes no gradient to u or s.</li>
 *   <li>Soft form: y_j = sum_r omega_r z_(r) (+ b_j), omega = softmax_r(-a * distance from q_j to the r-th
 *   interval), sharpness a. A training surrogate, not a certified neuron: at every x it is a convex
 *   combination of order statistics, but its weights follow the inputs' ranks, so it jumps where two inputs
 *   swap places and has no Lipschitz constant. Certify with the hard form.</li>
 * </ul>
 */
public final class WeightedOrderStat extends NeuronLayer {
    private final Var edgeLogits;
    private final Var quantileLogit;
    private boolean hard;
    private double sharpness = 10;

    /** Weights N(0, 1), equal edge weights, q = 1/2: the weighted median; soft form at sharpness 10. */
    public WeightedOrderStat(int in, int out, boolean bias, Random rng) {
        this(Var.param(Init.normal(rng, out, in)), bias ? Var.param(Tensor.zeros(out)) : null,
                Var.param(Tensor.zeros(out, in)), Var.param(Tensor.zeros(out)));
    }

    /** A layer around existing parameters: w [out, in], bias [out] or null, u [out, in], s [out]. */
    public WeightedOrderStat(Var weight, Var bias, Var edgeLogits, Var quantileLogit) {
        super(weight, bias);
        this.edgeLogits = edgeLogits;
        this.quantileLogit = quantileLogit;
    }

    @Override
    public Var forward(Var x) {
        Var edgeWeights = edgeWeights();
        Var quantile = quantile();
        Var y = hard
                ? Var.apply(new WeightedQuantile(), x, weight(), edgeWeights, quantile)
                : Var.apply(new WeightedOrderStatistic((float) sharpness), x, weight(), edgeWeights, quantile);
        return withBias(y);
    }

    /** The edge weights v [out, in] = softmax over i of the edge logits: positive, summing to 1 per neuron. */
    public Var edgeWeights() {
        return edgeLogits.logSoftmax().exp();
    }

    /** The quantile q [out] = sigmoid of the quantile logit, in (0, 1). */
    public Var quantile() {
        return quantileLogit.sigmoid();
    }

    /** Chooses the hard (certifiable) or the soft (trainable) form. */
    public void setHard(boolean hard) {
        this.hard = hard;
    }

    public boolean isHard() {
        return hard;
    }

    /** Sets the sharpness a > 0 of the soft form. */
    public void setSharpness(double a) {
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("WeightedOrderStat: the sharpness must be positive and finite, got " + a);
        }
        this.sharpness = a;
    }

    @Override
    Map<String, Var> extraParameters() {
        Map<String, Var> more = new LinkedHashMap<>();
        more.put("edge_logits", edgeLogits);
        more.put("quantile_logit", quantileLogit);
        return more;
    }

    /** The hard form in evaluation, the soft one in training. */
    @Override
    public void setTraining(boolean training) {
        hard = !training;
    }

    /**
     * The parameters and the setting {@code sharpness} of the soft form. The form itself is not state: it
     * follows training and evaluation mode, and evaluation (what a checkpoint is loaded for) is always hard.
     */
    @Override
    public LayerState state() {
        return LayerState.of(parameters()).withSetting("sharpness", sharpness);
    }

    @Override
    public Layer restore(LayerState saved) {
        saved.copyInto(parameters());
        setSharpness(saved.number("sharpness"));
        return this;
    }
}
