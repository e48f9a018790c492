package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.RankedInputs;
import org.linfgrad.backend.SoftOrderOutput;
import org.linfgrad.tensor.Tensor;

/**
 * A fixed mixture of order statistics: for inputs (x [B, N], w [M, N], a [M, N]),
 * y_bj = sum_r a_jr * sorted_r(z_bj), sorted_r the r-th smallest z (ties to the lowest index).
 * dy/dz_b,j,i_r = a_jr at the input i_r sorted into place r, and dy/da_jr = sorted_r(z_bj). The backward
 * reuses the ranks the forward kept where the backend keeps them (the simd backend: the inputs of each row's
 * window of ranks), else the backend sorts again (the reference: keeping all would take B x M x N indices).
 */
public record SoftOrderStatistic() implements Function<SoftOrderStatistic.Saved> {

    /** The three inputs and the ranks the forward kept (null: none). */
    public record Saved(Tensor x, Tensor w, Tensor a, RankedInputs ranked) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        SoftOrderOutput out = Backends.current().softOrderStat(in[0], in[1], in[2]);
        return new Forward<>(out.y(), new Saved(in[0], in[1], in[2], out.ranked()));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return Backends.current().softOrderStatBackward(g, s.x(), s.w(), s.a(), s.ranked());
    }
}
