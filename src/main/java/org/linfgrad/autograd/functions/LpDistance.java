package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The L-p distance neuron without bias, the training relaxation of L-infinity: for inputs (x [B, N], w [M, N]),
 * y_bj = (sum_{i in S_j} |z_bji|^p)^(1/p), computed as m * (sum (|z|/m)^p)^(1/p) with m = max |z|.
 * dy/dx_bi = (|z_bji| / y_bj)^(p-1) sign(z_bji) = -dy/dw_ji; all z = 0 gives y = 0 and a zero gradient.
 *
 * @param p a finite exponent >= 1; p = infinity is {@link LinfDistance}
 */
public record LpDistance(EdgeList kept, float p) implements Function<LpDistance.Saved> {

    public LpDistance {
        if (!(p >= 1) || Float.isInfinite(p)) {
            throw new IllegalArgumentException("LpDistance: p must be finite and >= 1, got " + p
                    + " (use LinfDistance for p = infinity)");
        }
    }

    /** Both inputs and the output. */
    public record Saved(Tensor x, Tensor w, Tensor y) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        Tensor y = Backends.current().lpDist(in[0], in[1], kept, p);
        return new Forward<>(y, new Saved(in[0], in[1], y));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return Backends.current().lpDistBackward(g, s.x(), s.w(), kept, s.y(), p);
    }

    @Override
    public String toString() {
        return "lpDistance(p=" + p + ")";
    }
}
