package org.linfgrad.nn;

import java.util.Map;
import java.util.Random;
import org.linfgrad.autograd.Var;

/**
 * The linear neuron: y_j = sum_i w_ji x_i + b_j, weights [out, in] initialised uniformly in
 * +-1/sqrt(in). Lipschitz constant in the L-infinity norm: max_j sum_i |w_ji|, in general far above 1, which
 * is why a hybrid net certifies through interval bounds rather than its margin.
 */
public final class Linear implements Layer {
    private final Var weight;
    private final Var bias;

    public Linear(int in, int out, boolean bias, Random rng) {
        float bound = (float) (1 / Math.sqrt(in));
        this.weight = Var.param(Init.uniform(rng, bound, out, in));
        this.bias = bias ? Var.param(Init.uniform(rng, bound, out)) : null;
    }

    /** A layer around existing parameters (bias may be null). */
    public Linear(Var weight, Var bias) {
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public Var forward(Var x) {
        Var y = x.matmul(weight, false, true);
        return bias == null ? y : y.add(bias);
    }

    @Override
    public Map<String, Var> parameters() {
        return Params.of(weight, bias);
    }

    public Var weight() {
        return weight;
    }

    /** The bias, or null. */
    public Var bias() {
        return bias;
    }
}
