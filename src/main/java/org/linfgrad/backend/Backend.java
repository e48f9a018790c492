package org.linfgrad.backend;

import org.linfgrad.tensor.Tensor;

/**
 * The numeric primitives every differentiable function is written against. {@code reference} implements all
 * of them in plain loops and is the oracle; faster backends override what they accelerate and must agree
 * with it (exactly for max, argmax and selections; within a length-dependent tolerance for sums).
 *
 * <p>No method writes into its arguments. Ties in max and argmax go to the lowest index.
 */
public interface Backend {

    /** A short name, as accepted by {@code --backend}. */
    String name();

    /** y_i = op(x_i). */
    Tensor map(Unary op, Tensor x);

    /** y = op(a, b) elementwise, with a and b broadcast against each other numpy style. */
    Tensor zip(Binary op, Tensor a, Tensor b);

    /** y_i = c * x_i. */
    Tensor scale(Tensor x, float c);

    /** y_i = x_i ^ p. */
    Tensor pow(Tensor x, float p);

    /** The sum of all elements, as a rank-0 tensor. */
    Tensor sum(Tensor x);

    /** The sum along one axis, which is removed from the shape. */
    Tensor sum(Tensor x, int axis);

    /**
     * Sums a tensor over the axes along which {@code shape} was broadcast to {@code x}'s shape, giving a tensor
     * of {@code shape}: the adjoint of broadcasting, used by the backward of every broadcasting operation.
     */
    Tensor sumTo(Tensor x, int... shape);

    /** Repeats a tensor along its extent-1 (or missing leading) axes to the given shape. */
    Tensor broadcastTo(Tensor x, int... shape);

    /** The maximum along one axis (removed from the shape) and the index of the first maximum. */
    ArgReduction max(Tensor x, int axis);

    /**
     * The adjoint of {@link #max}'s selection: a tensor of {@code shape}, zero except at the selected
     * position along {@code axis}, where it holds the matching element of {@code values}.
     */
    Tensor scatter(Tensor values, int[] indices, int[] shape, int axis);

    /** C = op(A) op(B) for 2-D tensors, where op transposes when the matching flag is set. */
    Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB);

    /** log softmax along the last axis: x_i - max(x) - log(sum_k exp(x_k - max(x))). */
    Tensor logSoftmax(Tensor x);
}
