package org.linfgrad.nn;

import org.linfgrad.autograd.Var;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The sparse (pruned) L-infinity distance neuron: y_j = max over the kept inputs i in S_j of |x_i - w_ji|
 * (+ b_j), 0 for a neuron that keeps none. Like {@link LinfDist} it computes the L-p relaxation over S_j
 * while p is finite. Lipschitz constant in the L-infinity norm: 1 at p = infinity, as a max over a subset of
 * 1-Lipschitz functions; pruning never raises it.
 */
public final class SparseLinfDist extends DistanceLayer {

    /** Keeps the edges of {@code dense} where {@code mask} ([out, in]) is non-zero; weights are shared. */
    public SparseLinfDist(LinfDist dense, Tensor mask) {
        this(dense.weight(), dense.bias(), EdgeList.fromMask(mask));
        setP(dense.p());
    }

    /** A layer around existing parameters and an edge list that fits them. */
    public SparseLinfDist(Var weight, Var bias, EdgeList kept) {
        super(weight, bias, kept);
    }
}
