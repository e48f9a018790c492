package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * The soft weighted order statistic with sharpness a: for inputs (x [B, N], w [M, N], v [M, N], q [M]),
 * y_bj = sum_r omega_r sorted_r(z_bj), omega = softmax_r(-a * dist(q_j, [c_{r-1}, c_r])), the intervals as in
 * {@link WeightedQuantile}. Gradients reach x and w through the sorted values and v and q through the
 * distances (see {@link org.linfgrad.backend.Backend#weightedOrderStatBackward}).
 */
public record WeightedOrderStatistic(float sharpness) implements Function<WeightedOrderStatistic.Saved> {

    /** The four inputs. */
    public record Saved(Tensor x, Tensor w, Tensor v, Tensor q) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        Tensor y = Backends.current().weightedOrderStat(in[0], in[1], in[2], in[3], sharpness);
        return new Forward<>(y, new Saved(in[0], in[1], in[2], in[3]));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return Backends.current().weightedOrderStatBackward(g, s.x(), s.w(), s.v(), s.q(), sharpness);
    }
}
