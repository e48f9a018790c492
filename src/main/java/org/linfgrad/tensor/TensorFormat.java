package org.linfgrad.tensor;

/** Renders a tensor as nested brackets, shortening long axes to their first and last {@value #EDGE} entries. */
final class TensorFormat {
    private static final int EDGE = 3;
    private static final int SHORTEN_ABOVE = 2 * EDGE + 1;

    private TensorFormat() {}

    static String format(Tensor t) {
        StringBuilder out = new StringBuilder("tensor(");
        int[] shape = t.shape();
        if (shape.length == 0) {
            out.append(number(t.data()[0]));
        } else {
            appendAxis(out, t.data(), shape, Shape.strides(shape), 0, 0, "tensor(".length());
        }
        return out.append(", shape=").append(Shape.format(shape)).append(')').toString();
    }

    private static void appendAxis(StringBuilder out, float[] data, int[] shape, int[] strides, int axis,
                                   int offset, int indent) {
        out.append('[');
        int n = shape[axis];
        boolean shorten = n > SHORTEN_ABOVE;
        for (int i = 0; i < n; i++) {
            if (shorten && i == EDGE) {
                out.append(axis == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = n - EDGE;
            }
            if (axis == shape.length - 1) {
                out.append(number(data[offset + i * strides[axis]]));
            } else {
                appendAxis(out, data, shape, strides, axis + 1, offset + i * strides[axis], indent);
            }
            if (i < n - 1) {
                out.append(axis == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + axis + 1));
            }
        }
        out.append(']');
    }

    private static String number(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f) {
            return String.format("%.1f", v);
        }
        return String.format("%.4g", v);
    }
}
