package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * The order-statistic neuron without bias: for inputs (x [B, N], w [M, N]), y_bj = the k_j-th smallest of
 * z_bji = x_bi - w_ji over i (1-based; ties to the lowest index; k_j = N is the max neuron). The gradient goes
 * to the selected input: dy/dx_bi = 1 = -dy/dw_ji there.
 */
public final class OrderStatistic implements Function<OrderStatistic.Saved> {
    private final int[] k;

    /** One 1-based rank per neuron. */
    public OrderStatistic(int... k) {
        this.k = k.clone();
    }

    /** The number of inputs and the selected index of every output. */
    public record Saved(int inputs, int[] selected) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        ArgReduction r = Backends.current().orderStat(in[0], in[1], k);
        return new Forward<>(r.values(), new Saved(in[0].dim(1), r.indices()));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return Backends.current().selectionBackward(g, s.selected(), s.inputs());
    }

    @Override
    public String toString() {
        return "orderStatistic";
    }
}
