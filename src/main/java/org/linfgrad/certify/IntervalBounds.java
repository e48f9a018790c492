package org.linfgrad.certify;

import java.util.List;
import java.util.stream.IntStream;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.IntervalMargins;
import org.linfgrad.nn.Activation;
import org.linfgrad.nn.DistanceLayer;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.Linear;
import org.linfgrad.nn.MeanShift;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.Sequential;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.SortNet;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * Interval bound propagation in evaluation mode (p = infinity, hard order statistics), layer by layer:
 * <ul>
 *   <li>distance: with z_i in [l_i - w_i, u_i - w_i], y = max_i |z_i| is bounded below by the largest distance
 *   from 0 to an interval and above by the largest endpoint magnitude; exact per neuron;</li>
 *   <li>order statistics (hard, median, soft, weighted hard): monotone in every z_i, so the bounds are the
 *   same statistic of the lower and of the upper ends;</li>
 *   <li>mean shift: a constant shift; relu and tanh: monotone;</li>
 *   <li>linear: centre c W^T + b and radius r |W|^T, widened by (in + 4) 2^-24 ((|c| + r) |W|^T + |b|), the
 *   float32 rounding bound of the dot products (which also covers the rounding of c, r and of the activation
 *   before);</li>
 *   <li>a linear head's margins: {@link IntervalMargins}, the exact bound of f_j - f_y.</li>
 * </ul>
 * The linear, activation and margin rules are written as Var operations ({@link #bound}, {@link #worstCaseMargins}),
 * so that the same code that certifies a hybrid net also gives its training objective a gradient; the distance
 * and order-statistic rules are evaluated without one.
 */
public final class IntervalBounds {
    private IntervalBounds() {}

    /** The bounds of the layer's output over every input in the box. */
    public static Box propagate(Layer layer, Box in) {
        return switch (layer) {
            case Sequential s -> {
                Box box = in;
                for (Layer inner : s.layers()) {
                    box = propagate(inner, box);
                }
                yield box;
            }
            case DistanceLayer d -> distance(d, in);
            case OrderStat o -> monotone(o, in);
            case SoftOrderStat o -> monotone(o, in);
            case SortNet s -> sortNet(s, in);
            case WeightedOrderStat o -> {
                if (!o.isHard()) {
                    throw new IllegalStateException("interval bounds need the hard weighted order statistic; "
                            + "put the network in evaluation mode");
                }
                yield monotone(o, in);
            }
            case MeanShift m -> monotone(m, in);
            case Activation a -> bound(a, Bounds.of(in)).box();
            case Linear l -> bound(l, Bounds.of(in)).box();
        };
    }

    /**
     * The bounds of a linear layer's or an activation's output, differentiable in the bounds given and in the
     * layer's parameters.
     *
     * @throws IllegalArgumentException for another kind of layer (bound those with {@link #propagate})
     */
    public static Bounds bound(Layer layer, Bounds in) {
        return switch (layer) {
            case Activation a -> new Bounds(a.forward(in.lower()), a.forward(in.upper()));
            case Linear l -> linear(l, in);
            default -> throw new IllegalArgumentException("differentiable interval bounds cover linear layers and "
                    + "activations, not " + layer.getClass().getSimpleName());
        };
    }

    /**
     * The worst-case margins z_bj >= f_j - f_y (z_by = 0) of a head ending in a linear layer, over the box of
     * its inputs: the hidden layers by {@link #bound}, the last by {@link IntervalMargins}. Cross-entropy of z
     * is the loss on the worst-case logits; a sample is certified when z_bj &lt; 0 for every j != y.
     */
    public static Var worstCaseMargins(List<Layer> head, Bounds in, int[] labels) {
        Bounds box = in;
        for (Layer hidden : head.subList(0, head.size() - 1)) {
            box = bound(hidden, box);
        }
        if (!(head.getLast() instanceof Linear last)) {
            throw new IllegalArgumentException("worst-case margins need a head that ends in a linear layer");
        }
        Var bias = last.bias() != null ? last.bias() : Var.constant(Tensor.zeros(last.weight().shape()[0]));
        return Var.apply(new IntervalMargins(labels), box.lower(), box.upper(), last.weight(), bias);
    }

    /** A layer monotone non-decreasing in every input: the image of the corners l and u. */
    private static Box monotone(Layer layer, Box in) {
        // BEGIN SOLUTION interval-order-statistic
        return new Box(eval(layer, in.lower()), eval(layer, in.upper()));
        // END SOLUTION
    }

    private static Tensor eval(Layer layer, Tensor x) {
        return layer.forward(Var.constant(x)).value();
    }

    /** The linear rule of the class comment, as Var operations. */
    private static Bounds linear(Linear layer, Bounds in) {
        Var centre = in.lower().add(in.upper()).scale(0.5f);
        Var radius = in.upper().sub(in.lower()).scale(0.5f);
        Var absWeight = layer.weight().abs();
        int n = layer.weight().shape()[1];
        Var magnitude = centre.abs().add(radius).matmul(absWeight, false, true);
        if (layer.bias() != null) {
            magnitude = magnitude.add(layer.bias().abs());
        }
        Var widened = radius.matmul(absWeight, false, true).add(magnitude.scale((float) ((n + 4) * 0x1p-24)));
        Var out = layer.forward(centre);
        return new Bounds(out.sub(widened), out.add(widened));
    }

    /**
     * SortNet: the weighted top-K of |z| is monotone in every |z_i|, so its bounds are the same weighted top-K of
     * the smallest |z_i| over the box (the distance from 0 to [l_i - w_i, u_i - w_i]) and of the largest.
     */
    private static Box sortNet(SortNet layer, Box in) {
        int batch = in.lower().dim(0);
        int n = in.lower().dim(1);
        float[] w = layer.weight().value().data();
        int m = layer.weight().shape()[0];
        float[] omega = layer.rankWeights();
        float[] bias = layer.bias() == null ? null : layer.bias().value().data();
        float[] l = in.lower().data();
        float[] u = in.upper().data();
        float[] lo = new float[batch * m];
        float[] hi = new float[batch * m];
        IntStream.range(0, batch).parallel().forEach(b -> {
            float[] smallest = new float[n];
            float[] largest = new float[n];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    float zl = l[b * n + i] - w[j * n + i];
                    float zu = u[b * n + i] - w[j * n + i];
                    smallest[i] = zl > 0 ? zl : zu < 0 ? -zu : 0;
                    largest[i] = Math.max(Math.abs(zl), Math.abs(zu));
                }
                float shift = bias == null ? 0 : bias[j];
                lo[b * m + j] = weightedTop(smallest, omega) + shift;
                hi[b * m + j] = weightedTop(largest, omega) + shift;
            }
        });
        return new Box(Tensor.of(lo, batch, m), Tensor.of(hi, batch, m));
    }

    /** sum_r omega_r v_(r), v_(r) the r-th largest, summed in rank order as the forward pass does. */
    private static float weightedTop(float[] values, float[] omega) {
        float[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        float y = 0;
        for (int r = 0; r < omega.length; r++) {
            y += omega[r] * sorted[sorted.length - 1 - r];
        }
        return y;
    }

    /** The exact bounds of every distance neuron; the samples are independent and bounded in parallel. */
    private static Box distance(DistanceLayer layer, Box in) {
        // BEGIN SOLUTION interval-distance
        int batch = in.lower().dim(0);
        int n = in.lower().dim(1);
        float[] w = layer.weight().value().data();
        int m = layer.weight().shape()[0];
        float[] bias = layer.bias() == null ? null : layer.bias().value().data();
        int[] start = layer.kept().start();
        int[] index = layer.kept().index();
        float[] l = in.lower().data();
        float[] u = in.upper().data();
        float[] lo = new float[batch * m];
        float[] hi = new float[batch * m];
        IntStream.range(0, batch).parallel().forEach(b -> {
            for (int j = 0; j < m; j++) {
                float low = 0;
                float high = 0;
                for (int e = start[j]; e < start[j + 1]; e++) {
                    int i = index[e];
                    float zl = l[b * n + i] - w[j * n + i];
                    float zu = u[b * n + i] - w[j * n + i];
                    low = Math.max(low, zl > 0 ? zl : zu < 0 ? -zu : 0);
                    high = Math.max(high, Math.max(Math.abs(zl), Math.abs(zu)));
                }
                float shift = bias == null ? 0 : bias[j];
                lo[b * m + j] = low + shift;
                hi[b * m + j] = high + shift;
            }
        });
        return new Box(Tensor.of(lo, batch, m), Tensor.of(hi, batch, m));
        // END SOLUTION
    }
}
