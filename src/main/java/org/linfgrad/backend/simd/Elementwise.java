package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import org.linfgrad.backend.Binary;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * Elementwise binary operations in the two shapes a training step mostly meets: operands of the same shape,
 * and b broadcast along the leading axes of a (a bias row [M] against a batch [B, M], a scalar). Rows of the
 * output are split across threads; the four arithmetic operations run on vectors, the derivative rules of
 * {@link Binary} element by element. Results equal the reference's bit for bit (the same IEEE operation on
 * every element).
 */
final class Elementwise {
    /** Below this many elements one thread does the work. */
    private static final int PARALLEL_SIZE = 1 << 15;

    private Elementwise() {}

    /**
     * op(a, b) when b's shape is a trailing part of a's (leading extents of 1 in b ignored) and the result has
     * a's shape; null otherwise, for the caller's general broadcasting.
     */
    static Tensor zipTrailing(Binary op, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        if (!java.util.Arrays.equals(shape, a.shape()) || !isTrailing(b.shape(), shape)) {
            return null;
        }
        float[] x = a.data(), y = b.data(), out = new float[a.size()];
        int chunks = a.size() < PARALLEL_SIZE ? 1 : 4 * Parallel.THREADS;
        if (b.size() == a.size()) {
            Parallel.forRange(a.size(), chunks, (from, to) -> apply(op, x, from, y, from, out, to - from));
        } else {
            int width = b.size();
            Parallel.forRange(a.size() / width, chunks, (from, to) -> {
                for (int r = from; r < to; r++) {
                    apply(op, x, r * width, y, 0, out, width);
                }
            });
        }
        return Tensor.of(out, shape);
    }

    /**
     * out[xAt + k] = op(x[xAt + k], y[yAt + k]) for k < length. Each arithmetic operation has its own vector
     * loop: the Vector API compiles an operation to an instruction only where the operator is a constant.
     */
    private static void apply(Binary op, float[] x, int xAt, float[] y, int yAt, float[] out, int length) {
        int bound = SPECIES.loopBound(length);
        int k = 0;
        switch (op) {
            case ADD -> {
                for (; k < bound; k += LANES) {
                    vector(x, xAt + k).add(vector(y, yAt + k)).intoArray(out, xAt + k);
                }
            }
            case SUB -> {
                for (; k < bound; k += LANES) {
                    vector(x, xAt + k).sub(vector(y, yAt + k)).intoArray(out, xAt + k);
                }
            }
            case MUL -> {
                for (; k < bound; k += LANES) {
                    vector(x, xAt + k).mul(vector(y, yAt + k)).intoArray(out, xAt + k);
                }
            }
            case DIV -> {
                for (; k < bound; k += LANES) {
                    vector(x, xAt + k).div(vector(y, yAt + k)).intoArray(out, xAt + k);
                }
            }
            case RELU_GRAD, ABS_GRAD, TANH_GRAD, SIGMOID_GRAD -> { } // element by element below
        }
        for (; k < length; k++) {
            out[xAt + k] = op.apply(x[xAt + k], y[yAt + k]);
        }
    }

    private static FloatVector vector(float[] a, int at) {
        return FloatVector.fromArray(SPECIES, a, at);
    }

    /** Whether {@code inner}, without its leading 1s, ends {@code outer}. */
    private static boolean isTrailing(int[] inner, int[] outer) {
        int start = 0;
        while (start < inner.length && inner[start] == 1) {
            start++;
        }
        int length = inner.length - start;
        if (length > outer.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (inner[start + k] != outer[outer.length - length + k]) {
                return false;
            }
        }
        return true;
    }
}
