package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The L-infinity distance neuron without bias, over the kept edges: y_bj = max_{i in S_j} |x_bi - w_ji|, for
 * inputs (x [B, N], w [M, N]). The gradient goes to the argmax input only (the lowest index among ties), with
 * the sign of z there: dy_bj/dx_bi = sign(z_bji) = -dy_bj/dw_ji at i = argmax.
 */
public record LinfDistance(EdgeList kept) implements Function<LinfDistance.Saved> {

    /** Both inputs and the argmax of every output. */
    public record Saved(Tensor x, Tensor w, int[] argmax) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        ArgReduction max = Backends.current().linfDist(in[0], in[1], kept);
        return new Forward<>(max.values(), new Saved(in[0], in[1], max.indices()));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return Backends.current().linfDistBackward(g, s.x(), s.w(), s.argmax());
    }

    @Override
    public String toString() {
        return "linfDistance";
    }
}
