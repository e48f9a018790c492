package org.linfgrad.nn;

import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.LinfDistance;
import org.linfgrad.autograd.functions.LpDistance;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * The L-infinity distance neuron over a set of kept edges, y_j = max_{i in S_j} |x_i - w_ji| (+ b_j), or its
 * L-p relaxation (sum_{i in S_j} |x_i - w_ji|^p)^(1/p) (+ b_j) while p is finite. {@link LinfDist} keeps every
 * edge, {@link SparseLinfDist} a pruned set.
 */
public abstract sealed class DistanceLayer extends NeuronLayer permits LinfDist, SparseLinfDist {
    private final EdgeList kept;
    private double p = Double.POSITIVE_INFINITY;

    DistanceLayer(Var weight, Var bias, EdgeList kept) {
        super(weight, bias);
        kept.requireFits(getClass().getSimpleName(), weight.shape());
        this.kept = kept;
    }

    @Override
    public Var forward(Var x) {
        Var y = Double.isInfinite(p)
                ? Var.apply(new LinfDistance(kept), x, weight())
                : Var.apply(new LpDistance(kept, (float) p), x, weight());
        return withBias(y);
    }

    /** Sets the exponent: a finite p >= 1 for the L-p relaxation, or infinity. */
    public void setP(double p) {
        if (!(p >= 1)) {
            throw new IllegalArgumentException("distance layer: p must be >= 1 (or infinity), got " + p);
        }
        this.p = p;
    }

    public double p() {
        return p;
    }

    /** The kept edges. */
    public EdgeList kept() {
        return kept;
    }

    /** The parameters, and the kept-edge mask {@code mask} [out, in] (1 kept, 0 removed) once edges are pruned. */
    @Override
    public LayerState state() {
        LayerState state = LayerState.of(parameters());
        return kept.isFull() ? state : state.withTensor("mask", kept.toMask());
    }

    /** Restores the parameters; a saved mask gives the pruned layer over the kept edges, sharing them. */
    @Override
    public Layer restore(LayerState saved) {
        saved.copyInto(parameters());
        if (!saved.tensors().containsKey("mask")) {
            return kept.isFull() ? this : new LinfDist(weight(), bias());
        }
        Tensor mask = saved.tensor("mask");
        if (!mask.hasShape(weight().shape())) {
            throw new IllegalArgumentException("tensor 'mask' has shape " + Shape.format(mask.shape())
                    + ", the layer's weights " + Shape.format(weight().shape()));
        }
        SparseLinfDist pruned = new SparseLinfDist(weight(), bias(), EdgeList.fromMask(mask));
        pruned.setP(p);
        return pruned;
    }
}
