package org.linfgrad.nn;

import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The sparse (pruned) L-infinity distance neuron: y_j = max over the kept inputs i in S_j of |x_i - w_ji|
 * (+ b_j), 0 for a neuron that keeps none. Like {@link LinfDist} it computes the L-p relaxation over S_j
 * while p is finite. Lipschitz constant in the L-infinity norm: 1 at p = infinity, as a max over a subset of
 * 1-Lipschitz functions; pruning never raises it.
 */
public final class SparseLinfDist implements Layer {
    private final Var weight;
    private final Var bias;
    private final EdgeList kept;
    private double p = Double.POSITIVE_INFINITY;

    /** Keeps the edges of {@code dense} where {@code mask} ([out, in]) is non-zero; weights are shared. */
    public SparseLinfDist(LinfDist dense, Tensor mask) {
        this(dense.weight(), dense.bias(), EdgeList.fromMask(mask));
        this.p = dense.p();
    }

    /** A layer around existing parameters and an edge list that fits them. */
    public SparseLinfDist(Var weight, Var bias, EdgeList kept) {
        kept.requireFits("SparseLinfDist", weight.shape());
        this.weight = weight;
        this.bias = bias;
        this.kept = kept;
    }

    @Override
    public Var forward(Var x) {
        return Distances.forward(x, weight, bias, kept, p);
    }

    public void setP(double p) {
        this.p = Distances.requireExponent(p);
    }

    public double p() {
        return p;
    }

    public EdgeList kept() {
        return kept;
    }

    public Var weight() {
        return weight;
    }

    public Var bias() {
        return bias;
    }

    @Override
    public Map<String, Var> parameters() {
        return Params.of(weight, bias);
    }
}
