package org.linfgrad.certify;

import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Shape;

/**
 * Elementwise interval bounds lower &lt;= x &lt;= upper of a batch as Vars, so that a training objective can
 * differentiate through them; {@link Box} holds the same as plain tensors.
 */
public record Bounds(Var lower, Var upper) {

    public Bounds {
        Shape.requireSame("Bounds", lower.shape(), upper.shape());
    }

    /** The ball of radius eps around x in the L-infinity norm: [x - eps, x + eps]. */
    public static Bounds around(Var x, float eps) {
        Var radius = Var.constant(org.linfgrad.tensor.Tensor.scalar(eps));
        return new Bounds(x.sub(radius), x.add(radius));
    }

    /** Constant bounds, for a box computed without gradients. */
    public static Bounds of(Box box) {
        return new Bounds(Var.constant(box.lower()), Var.constant(box.upper()));
    }

    /** The values, as a box. */
    public Box box() {
        return new Box(lower.value(), upper.value());
    }
}
