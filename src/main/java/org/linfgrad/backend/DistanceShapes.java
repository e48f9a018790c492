package org.linfgrad.backend;

import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** The shape check every distance and order-statistic kernel starts with. */
public final class DistanceShapes {
    private DistanceShapes() {}

    /** Checks inputs x [B, N] against weights w [M, N] and returns {B, N, M}. */
    public static int[] check(String op, Tensor x, Tensor w) {
        Shape.requireRank(op, x.shape(), 2);
        Shape.requireRank(op, w.shape(), 2);
        if (x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException(op + ": inputs of shape " + Shape.format(x.shape())
                    + " do not match weights of shape " + Shape.format(w.shape()) + " (" + x.dim(1) + " vs "
                    + w.dim(1) + " features)");
        }
        return new int[] {x.dim(0), x.dim(1), w.dim(0)};
    }

    /** {@link #check(String, Tensor, Tensor)}, and that the kept edges fit the weights. */
    public static int[] check(String op, Tensor x, Tensor w, EdgeList kept) {
        int[] d = check(op, x, w);
        kept.requireFits(op, w.shape());
        return d;
    }
}
