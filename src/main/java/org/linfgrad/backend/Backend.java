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

    // Distance and order-statistic neurons. Inputs x are [B, N], weights w are [M, N], outputs [B, M], and
    // z_bji = x_bi - w_ji. Returned indices are input indices i, one per output element (row-major).

    /** y_bj = max over the kept inputs i of neuron j of |z_bji|, and the first such i (0 for a neuron with none). */
    ArgReduction linfDist(Tensor x, Tensor w, EdgeList kept);

    /**
     * The gradients {dL/dx, dL/dw} of {@link #linfDist} given g = dL/dy and the argmax it returned: with
     * s_bj = sign(z_bji) at i = argmax_bj, dL/dx_bi += g_bj s_bj and dL/dw_ji -= g_bj s_bj.
     */
    Tensor[] linfDistBackward(Tensor g, Tensor x, Tensor w, int[] argmax);

    /**
     * y_bj = (sum over kept i of |z_bji|^p)^(1/p), computed as m * (sum (|z|/m)^p)^(1/p) with m = max |z|, so
     * that it neither overflows nor underflows; 0 when every |z| is 0.
     */
    Tensor lpDist(Tensor x, Tensor w, EdgeList kept, float p);

    /**
     * The gradients {dL/dx, dL/dw} of {@link #lpDist} given g = dL/dy and its output y:
     * dy_bj/dx_bi = (|z_bji| / y_bj)^(p-1) sign(z_bji) = -dy_bj/dw_ji on kept edges; 0 where y_bj = 0.
     */
    Tensor[] lpDistBackward(Tensor g, Tensor x, Tensor w, EdgeList kept, Tensor y, float p);

    /**
     * The gradients {dL/dx, dL/dw} of a neuron that selects one z per output: with c = coefficient,
     * dL/dx_bi += c_bj and dL/dw_ji -= c_bj at i = index_bj.
     */
    Tensor[] selectionBackward(Tensor coefficient, int[] index, int inputs);

    /** The k_j-th smallest z_bji over i (1-based, ties to the lowest index) and its index. */
    ArgReduction orderStat(Tensor x, Tensor w, int[] k);

    /**
     * The k largest |z_bji| = |x_bi - w_ji| of every (b, j), in descending order (ties to the lowest index):
     * selection r (0-based) holds the (r+1)-th largest value [B, M] and the input it came from; k &lt;= N.
     */
    ArgReduction[] topDistances(Tensor x, Tensor w, int k);

    /**
     * y_bj = sum_r a_jr * sorted_r(z_bj), the r-th smallest z (ties to the lowest index), for weights a [M, N],
     * and the inputs sorted into the ranks it summed where the backend keeps them for the backward.
     */
    SoftOrderOutput softOrderStat(Tensor x, Tensor w, Tensor a);

    /**
     * The gradients {dL/dx, dL/dw, dL/da} of {@link #softOrderStat} given g = dL/dy and the ranks it kept
     * (null when it kept none, or to have them selected again; a backend may ignore them).
     */
    Tensor[] softOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor a, RankedInputs ranked);

    /**
     * The weighted quantile: sort z_bj ascending; the r-th sorted input i_r owns the interval
     * [c_{r-1}, c_r) with c_r = v_{j i_1} + ... + v_{j i_r}, for positive edge weights v [M, N] summing to 1 per
     * neuron. Selects the z whose interval holds q_j (the last one when q_j >= c_N).
     */
    ArgReduction weightedQuantile(Tensor x, Tensor w, Tensor v, Tensor q);

    /**
     * The soft weighted order statistic: y_bj = sum_r omega_r sorted_r(z_bj), omega = softmax over r of
     * -a * dist(q_j, [c_{r-1}, c_r]), with the intervals of {@link #weightedQuantile}.
     */
    Tensor weightedOrderStat(Tensor x, Tensor w, Tensor v, Tensor q, float a);

    /** The gradients {dL/dx, dL/dw, dL/dv, dL/dq} of {@link #weightedOrderStat} given g = dL/dy. */
    Tensor[] weightedOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor v, Tensor q, float a);
}
