package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * The hard weighted order statistic: for inputs (x [B, N], w [M, N], v [M, N], q [M]), the z_bji whose
 * interval [c_{r-1}, c_r) of the edge-weight-cumulative order holds q_j (see
 * {@link org.linfgrad.backend.Backend#weightedQuantile}). Piecewise a selection: the gradient goes to the
 * selected input (1 to x, -1 to w) and none to v or q, on which the output is piecewise constant.
 */
public record WeightedQuantile() implements Function<WeightedQuantile.Saved> {

    /** The number of inputs and the selected index of every output. */
    public record Saved(int inputs, int[] selected) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        ArgReduction r = Backends.current().weightedQuantile(in[0], in[1], in[2], in[3]);
        return new Forward<>(r.values(), new Saved(in[0].dim(1), r.indices()));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        Tensor[] grads = Backends.current().selectionBackward(g, s.selected(), s.inputs());
        return new Tensor[] {grads[0], grads[1], null, null};
    }
}
