package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.tensor.Tensor;

/**
 * SortNet's neuron without bias: for inputs (x [B, N], w [M, N]), y_bj = sum_{r=1}^{K} omega_r |z|_(r), with
 * |z|_(r) the r-th largest of |x_bi - w_ji| over i (ties to the lowest index). The gradient of each term goes to
 * the input it selected: dy/dx_bi = omega_r sign(z_bji) = -dy/dw_ji at the input i sorted to rank r.
 *
 * @param omega the weights of the ranks 1..K, non-negative
 */
public record SortedDistance(float[] omega) implements Function<SortedDistance.Saved> {

    /** The inputs, and the selection of every rank. */
    public record Saved(Tensor x, Tensor w, ArgReduction[] ranks) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        Backend b = Backends.current();
        ArgReduction[] ranks = b.topDistances(in[0], in[1], omega.length);
        Tensor y = b.scale(ranks[0].values(), omega[0]);
        for (int r = 1; r < omega.length; r++) {
            y = b.zip(Binary.ADD, y, b.scale(ranks[r].values(), omega[r]));
        }
        return new Forward<>(y, new Saved(in[0], in[1], ranks));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        Backend b = Backends.current();
        int n = s.x().dim(1);
        int m = s.w().dim(0);
        Tensor gx = null;
        Tensor gw = null;
        for (int r = 0; r < omega.length; r++) {
            int[] selected = s.ranks()[r].indices();
            float[] coefficient = new float[g.size()];
            for (int e = 0; e < coefficient.length; e++) {
                int i = selected[e];
                float z = s.x().data()[(e / m) * n + i] - s.w().data()[(e % m) * n + i];
                coefficient[e] = g.data()[e] * omega[r] * Math.signum(z);
            }
            Tensor[] grads = b.selectionBackward(Tensor.of(coefficient, g.shape()), selected, n);
            gx = gx == null ? grads[0] : b.zip(Binary.ADD, gx, grads[0]);
            gw = gw == null ? grads[1] : b.zip(Binary.ADD, gw, grads[1]);
        }
        return new Tensor[] {gx, gw};
    }

    @Override
    public String toString() {
        return "sortedDistance";
    }
}
