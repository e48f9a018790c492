package org.linfgrad.nn;

import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The L-infinity distance neuron: y_j = max_i |x_i - w_ji| (+ b_j), weights [out, in] drawn from N(0, 1).
 * While {@link #setP} holds a finite p, it computes the L-p relaxation used in training,
 * y_j = (sum_i |x_i - w_ji|^p)^(1/p) (+ b_j); p = infinity (the default) is exactly the max.
 * Lipschitz constant in the L-infinity norm: 1 at p = infinity (a max of 1-Lipschitz functions
 * |x_i - w_ji| of single coordinates); at most in^(1/p) for finite p.
 */
public final class LinfDist extends DistanceLayer {

    public LinfDist(int in, int out, boolean bias, Random rng) {
        this(Var.param(Init.normal(rng, out, in)), bias ? Var.param(Tensor.zeros(out)) : null);
    }

    /** A layer around existing parameters: weights [out, in], bias [out] or null. */
    public LinfDist(Var weight, Var bias) {
        super(weight, bias, EdgeList.full(weight.shape()[0], weight.shape()[1]));
    }
}
