package org.linfgrad.certify;

import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** Elementwise interval bounds lower &lt;= x &lt;= upper of a batch, both of the same shape. */
public record Box(Tensor lower, Tensor upper) {

    public Box {
        Shape.requireSame("Box", lower.shape(), upper.shape());
    }

    /** The L-infinity ball of radius eps around x, clipped to [lo, hi] (the data range). */
    public static Box around(Tensor x, float eps, float lo, float hi) {
        float[] l = new float[x.size()];
        float[] u = new float[x.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.max(lo, x.data()[i] - eps);
            u[i] = Math.min(hi, x.data()[i] + eps);
        }
        return new Box(Tensor.of(l, x.shape()), Tensor.of(u, x.shape()));
    }
}
