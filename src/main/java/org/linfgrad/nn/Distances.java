package org.linfgrad.nn;

import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.LinfDistance;
import org.linfgrad.autograd.functions.LpDistance;
import org.linfgrad.backend.EdgeList;

/** The forward pass shared by the dense and the sparse distance layer. */
final class Distances {
    private Distances() {}

    /** max (p infinite) or L-p norm over the kept edges of |x - w_j|, plus the bias when there is one. */
    static Var forward(Var x, Var weight, Var bias, EdgeList kept, double p) {
        Var y = Double.isInfinite(p)
                ? Var.apply(new LinfDistance(kept), x, weight)
                : Var.apply(new LpDistance(kept, (float) p), x, weight);
        return bias == null ? y : y.add(bias);
    }

    /** Checks an exponent for a distance layer. */
    static double requireExponent(double p) {
        if (!(p >= 1)) {
            throw new IllegalArgumentException("distance layer: p must be >= 1 (or infinity), got " + p);
        }
        return p;
    }
}
