package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * A fixed mixture of order statistics: for inputs (x [B, N], w [M, N], a [M, N]),
 * y_bj = sum_r a_jr * sorted_r(z_bj), sorted_r the r-th smallest z (ties to the lowest index).
 * dy/dz_b,j,i_r = a_jr at the input i_r sorted into place r, and dy/da_jr = sorted_r(z_bj). The sort is
 * recomputed in backward rather than stored: it would take B x M x N indices.
 */
public record SoftOrderStatistic() implements Function<SoftOrderStatistic.Saved> {

    /** The three inputs. */
    public record Saved(Tensor x, Tensor w, Tensor a) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        return new Forward<>(Backends.current().softOrderStat(in[0], in[1], in[2]), new Saved(in[0], in[1], in[2]));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return Backends.current().softOrderStatBackward(g, s.x(), s.w(), s.a());
    }
}
