package org.linfgrad.backend.reference;

import org.linfgrad.tensor.Shape;

/**
 * A row-major tensor seen as [outer, extent, inner] around one axis, so that reductions along any axis are
 * three plain loops.
 */
record AxisView(int outer, int extent, int inner) {

    static AxisView of(int[] shape, int axis) {
        int outer = Shape.size(java.util.Arrays.copyOfRange(shape, 0, axis));
        int inner = Shape.size(java.util.Arrays.copyOfRange(shape, axis + 1, shape.length));
        return new AxisView(outer, shape[axis], inner);
    }

    /** The flat offset of element (o, i, k). */
    int offset(int o, int i, int k) {
        return (o * extent + i) * inner + k;
    }
}
