package org.linfgrad.tensor;

import java.util.Arrays;

/**
 * Helpers for tensor shapes: element counts, row-major strides, broadcasting and the error messages that
 * name what did not fit. A shape is an {@code int[]} of non-negative extents; rank 0 is a scalar.
 */
public final class Shape {
    private Shape() {}

    /** The number of elements, the product of the extents (1 for a scalar). */
    public static int size(int... shape) {
        long n = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("shape " + format(shape) + " has a negative extent");
            }
            n *= extent;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** Row-major strides: stride[d] is the distance in the flat array between neighbours along axis d. */
    public static int[] strides(int... shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    /** Formats a shape as {@code [2, 3]}. */
    public static String format(int... shape) {
        return Arrays.toString(shape);
    }

    /**
     * The shape two operands broadcast to, numpy style: shapes are aligned at their last axis, and each pair
     * of extents must be equal or one of them 1.
     *
     * @throws IllegalArgumentException naming the operation and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int ea = extentFromRight(a, rank - 1 - d);
            int eb = extentFromRight(b, rank - 1 - d);
            if (ea != eb && ea != 1 && eb != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast together (axis " + d + ": " + ea + " vs " + eb + ")");
            }
            out[d] = ea == 1 ? eb : ea;
        }
        return out;
    }

    /**
     * The strides with which a tensor of {@code shape} is read when broadcast to {@code target}: 0 along
     * every axis it is repeated on. {@code shape} must broadcast to {@code target}.
     */
    public static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = strides(shape);
        int[] out = new int[target.length];
        int offset = target.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            out[d + offset] = shape[d] == 1 ? 0 : own[d];
        }
        return out;
    }

    /** Checks that two shapes are identical, naming the operation and both shapes if not. */
    public static void requireSame(String op, int[] a, int[] b) {
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b) + " must be equal");
        }
    }

    /** Checks that a tensor has the given rank, naming the operation and the shape if not. */
    public static void requireRank(String op, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(op + ": expected a rank-" + rank + " tensor, got shape " + format(shape));
        }
    }

    /** Normalises an axis that may be negative (counted from the end), checking it is in range. */
    public static int axis(String op, int[] shape, int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + format(shape));
        }
        return a;
    }

    /** The shape with one axis removed. */
    public static int[] without(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d != axis) {
                out[k++] = shape[d];
            }
        }
        return out;
    }

    /** The shape with an extent-1 axis inserted at {@code axis}. */
    public static int[] withUnit(int[] shape, int axis) {
        int[] out = new int[shape.length + 1];
        for (int d = 0, k = 0; d < out.length; d++) {
            out[d] = d == axis ? 1 : shape[k++];
        }
        return out;
    }

    private static int extentFromRight(int[] shape, int fromRight) {
        int d = shape.length - 1 - fromRight;
        return d >= 0 ? shape[d] : 1;
    }
}
