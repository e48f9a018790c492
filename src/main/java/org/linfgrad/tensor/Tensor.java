package org.linfgrad.tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * A dense float32 tensor of any rank: a shape and a contiguous row-major {@code float[]}.
 *
 * <p>Tensors are values for the autodiff engine: operations return new tensors and never write into their
 * inputs. {@link #set} exists for building tensors element by element; a tensor handed to an operation should
 * not be mutated afterwards. {@link #data()} exposes the backing array so that backends can run loops over it
 * without copies.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(float[] data, int[] shape) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shape.clone();
        if (Shape.size(s) != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape "
                    + Shape.format(s) + " (" + Shape.size(s) + " elements)");
        }
        return new Tensor(data, s);
    }

    /** A 1-D tensor holding the given values. */
    public static Tensor vector(float... values) {
        return of(values.clone(), values.length);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(float[]... rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.matrix: row " + r + " has " + rows[r].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shape.size(shape)], shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] data = new float[Shape.size(shape)];
        Arrays.fill(data, value);
        return new Tensor(data, shape.clone());
    }

    /** The 1-D tensor {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = i;
        }
        return new Tensor(data, new int[] {n});
    }

    /** Uniform values in [0, 1) from a seeded generator. */
    public static Tensor rand(long seed, int... shape) {
        return rand(new Random(seed), shape);
    }

    /** Uniform values in [0, 1) drawn from {@code rng}. */
    public static Tensor rand(Random rng, int... shape) {
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextFloat();
        }
        return new Tensor(data, shape.clone());
    }

    /** Standard normal values from a seeded generator. */
    public static Tensor randn(long seed, int... shape) {
        return randn(new Random(seed), shape);
    }

    /** Standard normal values drawn from {@code rng}. */
    public static Tensor randn(Random rng, int... shape) {
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return new Tensor(data, shape.clone());
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The extent of one axis; negative axes count from the end. */
    public int dim(int axis) {
        return shape[Shape.axis("dim", shape, axis)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The backing row-major array, not a copy. */
    public float[] data() {
        return data;
    }

    /** True when this tensor has exactly the given shape. */
    public boolean hasShape(int... other) {
        return Arrays.equals(shape, other);
    }

    /** The same data seen with another shape of the same size; one extent may be -1 and is then inferred. */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int inferred = -1;
        int known = 1;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: at most one extent may be -1, got " + Shape.format(newShape));
                }
                inferred = d;
            } else {
                known *= s[d];
            }
        }
        if (inferred >= 0 && known > 0 && data.length % known == 0) {
            s[inferred] = data.length / known;
        }
        if (inferred >= 0 && s[inferred] == -1 || Shape.size(s) != data.length) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Shape.format(shape) + " ("
                    + data.length + " elements) as " + Shape.format(newShape));
        }
        return new Tensor(data, s);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /** The value at a multi-index. */
    public float get(int... index) {
        return data[offset(index)];
    }

    /** Writes one value; meant for building tensors, not for tensors already handed to operations. */
    public void set(float value, int... index) {
        data[offset(index)] = value;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + Shape.format(shape) + " has "
                    + data.length + " elements, not 1");
        }
        return data[0];
    }

    /** The flat row-major offset of a multi-index, checked against the shape. */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has " + index.length
                    + " components; shape " + Shape.format(shape) + " needs " + shape.length);
        }
        int offset = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Shape.format(shape));
            }
            offset = offset * shape[d] + index[d];
        }
        return offset;
    }

    /** The multi-index of a flat row-major offset. */
    public int[] index(int offset) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = offset % shape[d];
            offset /= shape[d];
        }
        return index;
    }

    /** Equal shapes and every pair of elements within {@code atol + rtol * |other|}. */
    public boolean allClose(Tensor other, float rtol, float atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (!(Math.abs(data[i] - other.data[i]) <= atol + rtol * Math.abs(other.data[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Equal shapes and bit-identical values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** Nested brackets like numpy, long axes shortened to their first and last three entries. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
