package org.linfgrad.backend.reference;

import java.util.Arrays;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.MatMulShapes;
import org.linfgrad.backend.RankedInputs;
import org.linfgrad.backend.SoftOrderOutput;
import org.linfgrad.backend.Unary;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * Every primitive in plain loops: the oracle the other backends are tested against. Written to be read, not
 * to be fast; sums accumulate in double so that it is also the most accurate backend.
 */
public class ReferenceBackend implements Backend {

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Tensor map(Unary op, Tensor x) {
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = op.apply(in[i]);
        }
        return Tensor.of(out, x.shape());
    }

    @Override
    public Tensor zip(Binary op, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        int[] fromA = sourceOffsets(a.shape(), shape);
        int[] fromB = sourceOffsets(b.shape(), shape);
        float[] x = a.data();
        float[] y = b.data();
        float[] out = new float[Shape.size(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(x[fromA[i]], y[fromB[i]]);
        }
        return Tensor.of(out, shape);
    }

    @Override
    public Tensor scale(Tensor x, float c) {
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = c * in[i];
        }
        return Tensor.of(out, x.shape());
    }

    @Override
    public Tensor pow(Tensor x, float p) {
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) Math.pow(in[i], p);
        }
        return Tensor.of(out, x.shape());
    }

    @Override
    public Tensor sum(Tensor x) {
        double s = 0;
        for (float v : x.data()) {
            s += v;
        }
        return Tensor.scalar((float) s);
    }

    @Override
    public Tensor sum(Tensor x, int axis) {
        int[] shape = x.shape();
        int a = Shape.axis("sum", shape, axis);
        AxisView v = AxisView.of(shape, a);
        float[] in = x.data();
        float[] out = new float[v.outer() * v.inner()];
        for (int o = 0; o < v.outer(); o++) {
            for (int k = 0; k < v.inner(); k++) {
                double s = 0;
                for (int i = 0; i < v.extent(); i++) {
                    s += in[v.offset(o, i, k)];
                }
                out[o * v.inner() + k] = (float) s;
            }
        }
        return Tensor.of(out, Shape.without(shape, a));
    }

    @Override
    public Tensor sumTo(Tensor x, int... shape) {
        int[] from = x.shape();
        if (!Arrays.equals(Shape.broadcast("sumTo", shape, from), from)) {
            throw new IllegalArgumentException("sumTo: shape " + Shape.format(from) + " is not a broadcast of "
                    + Shape.format(shape));
        }
        // BEGIN SOLUTION sum-to
        int[] target = sourceOffsets(shape, from);
        double[] acc = new double[Shape.size(shape)];
        float[] in = x.data();
        for (int i = 0; i < in.length; i++) {
            acc[target[i]] += in[i];
        }
        float[] out = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = (float) acc[i];
        }
        return Tensor.of(out, shape);
        // END SOLUTION
    }

    @Override
    public Tensor broadcastTo(Tensor x, int... shape) {
        if (!Arrays.equals(Shape.broadcast("broadcastTo", x.shape(), shape), shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shape.format(x.shape())
                    + " cannot be broadcast to " + Shape.format(shape));
        }
        int[] source = sourceOffsets(x.shape(), shape);
        float[] in = x.data();
        float[] out = new float[source.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = in[source[i]];
        }
        return Tensor.of(out, shape);
    }

    @Override
    public ArgReduction max(Tensor x, int axis) {
        int[] shape = x.shape();
        int a = Shape.axis("max", shape, axis);
        AxisView v = AxisView.of(shape, a);
        if (v.extent() == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + Shape.format(shape) + " is empty");
        }
        float[] in = x.data();
        float[] out = new float[v.outer() * v.inner()];
        int[] arg = new int[out.length];
        for (int o = 0; o < v.outer(); o++) {
            for (int k = 0; k < v.inner(); k++) {
                int best = 0;
                for (int i = 1; i < v.extent(); i++) {
                    if (in[v.offset(o, i, k)] > in[v.offset(o, best, k)]) {
                        best = i;
                    }
                }
                out[o * v.inner() + k] = in[v.offset(o, best, k)];
                arg[o * v.inner() + k] = best;
            }
        }
        return new ArgReduction(Tensor.of(out, Shape.without(shape, a)), arg);
    }

    @Override
    public Tensor scatter(Tensor values, int[] indices, int[] shape, int axis) {
        int a = Shape.axis("scatter", shape, axis);
        Shape.requireSame("scatter", values.shape(), Shape.without(shape, a));
        AxisView v = AxisView.of(shape, a);
        float[] in = values.data();
        float[] out = new float[Shape.size(shape)];
        for (int o = 0; o < v.outer(); o++) {
            for (int k = 0; k < v.inner(); k++) {
                int r = o * v.inner() + k;
                out[v.offset(o, indices[r], k)] = in[r];
            }
        }
        return Tensor.of(out, shape);
    }

    @Override
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        int[] nkm = MatMulShapes.check(a, transposeA, b, transposeB);
        int n = nkm[0], k = nkm[1], m = nkm[2];
        float[] x = a.data();
        float[] y = b.data();
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transposeA ? x[p * n + i] : x[i * k + p];
                    float bpj = transposeB ? y[j * k + p] : y[p * m + j];
                    s += (double) aip * bpj;
                }
                out[i * m + j] = (float) s;
            }
        }
        return Tensor.of(out, n, m);
    }

    @Override
    public Tensor logSoftmax(Tensor x) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("logSoftmax: needs at least one axis, got a scalar");
        }
        int n = x.dim(-1);
        float[] in = x.data();
        float[] out = new float[in.length];
        for (int row = 0; row < in.length; row += n) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, in[row + i]);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.exp(in[row + i] - max);
            }
            float logSum = (float) Math.log(sum);
            for (int i = 0; i < n; i++) {
                out[row + i] = in[row + i] - max - logSum;
            }
        }
        return Tensor.of(out, x.shape());
    }

    @Override
    public ArgReduction linfDist(Tensor x, Tensor w, EdgeList kept) {
        return NeuronKernels.linfDist(x, w, kept);
    }

    @Override
    public Tensor[] linfDistBackward(Tensor g, Tensor x, Tensor w, int[] argmax) {
        return NeuronKernels.linfDistBackward(g, x, w, argmax);
    }

    @Override
    public Tensor lpDist(Tensor x, Tensor w, EdgeList kept, float p) {
        return NeuronKernels.lpDist(x, w, kept, p);
    }

    @Override
    public Tensor[] lpDistBackward(Tensor g, Tensor x, Tensor w, EdgeList kept, Tensor y, float p) {
        return NeuronKernels.lpDistBackward(g, x, w, kept, y, p);
    }

    @Override
    public Tensor[] selectionBackward(Tensor coefficient, int[] index, int inputs) {
        return NeuronKernels.selectionBackward(coefficient, index, inputs);
    }

    @Override
    public ArgReduction orderStat(Tensor x, Tensor w, int[] k) {
        return NeuronKernels.orderStat(x, w, k);
    }

    @Override
    public ArgReduction[] topDistances(Tensor x, Tensor w, int k) {
        return NeuronKernels.topDistances(x, w, k);
    }

    @Override
    public SoftOrderOutput softOrderStat(Tensor x, Tensor w, Tensor a) {
        return new SoftOrderOutput(NeuronKernels.softOrderStat(x, w, a), null);
    }

    /** The reference keeps no ranks: it sorts every row again. */
    @Override
    public Tensor[] softOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor a, RankedInputs ranked) {
        return NeuronKernels.softOrderStatBackward(g, x, w, a);
    }

    @Override
    public ArgReduction weightedQuantile(Tensor x, Tensor w, Tensor v, Tensor q) {
        return NeuronKernels.weightedQuantile(x, w, v, q);
    }

    @Override
    public Tensor weightedOrderStat(Tensor x, Tensor w, Tensor v, Tensor q, float a) {
        return NeuronKernels.weightedOrderStat(x, w, v, q, a);
    }

    @Override
    public Tensor[] weightedOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor v, Tensor q, float a) {
        return NeuronKernels.weightedOrderStatBackward(g, x, w, v, q, a);
    }

    /** For every element of {@code target}, the flat offset it reads from a tensor of {@code shape} broadcast to it. */
    private static int[] sourceOffsets(int[] shape, int[] target) {
        int[] strides = Shape.broadcastStrides(shape, target);
        int[] offsets = new int[Shape.size(target)];
        int[] index = new int[target.length];
        int offset = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = offset;
            for (int d = target.length - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < target[d]) {
                    break;
                }
                offset -= index[d] * strides[d];
                index[d] = 0;
            }
        }
        return offsets;
    }
}
