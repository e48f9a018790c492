package org.linfgrad.certify;

import org.linfgrad.autograd.Var;
import org.linfgrad.nn.Activation;
import org.linfgrad.nn.DistanceLayer;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.Linear;
import org.linfgrad.nn.MeanShift;
import org.linfgrad.nn.NeuronLayer;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.Sequential;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * Interval bound propagation in evaluation mode (p = infinity, hard order statistics), layer by layer:
 * <ul>
 *   <li>distance: with z_i in [l_i - w_i, u_i - w_i], y = max_i |z_i| is bounded below by the largest distance
 *   from 0 to an interval and above by the largest endpoint magnitude; exact per neuron;</li>
 *   <li>order statistics (hard, median, soft, weighted hard): monotone in every z_i, so the bounds are the
 *   same statistic of the lower and of the upper ends;</li>
 *   <li>mean shift: a constant shift; relu and tanh: monotone; linear: the usual centre-radius form.</li>
 * </ul>
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
            case WeightedOrderStat o -> {
                if (!o.isHard()) {
                    throw new IllegalStateException("interval bounds need the hard weighted order statistic; "
                            + "put the network in evaluation mode");
                }
                yield monotone(o, in);
            }
            case MeanShift m -> new Box(eval(m, in.lower()), eval(m, in.upper()));
            case Activation a -> new Box(eval(a, in.lower()), eval(a, in.upper()));
            case Linear l -> linear(l, in);
        };
    }

    private static Tensor eval(Layer layer, Tensor x) {
        return layer.forward(Var.constant(x)).value();
    }

    /** A layer monotone non-decreasing in every input: the image of the corners l and u. */
    private static Box monotone(NeuronLayer layer, Box in) {
        return new Box(eval(layer, in.lower()), eval(layer, in.upper()));
    }

    private static Box distance(DistanceLayer layer, Box in) {
        int batch = in.lower().dim(0);
        int n = in.lower().dim(1);
        float[] w = layer.weight().value().data();
        int m = layer.weight().shape()[0];
        float[] bias = layer.bias() == null ? null : layer.bias().value().data();
        int[] start = layer.kept().start();
        int[] index = layer.kept().index();
        float[] lo = new float[batch * m];
        float[] hi = new float[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                float low = 0;
                float high = 0;
                for (int e = start[j]; e < start[j + 1]; e++) {
                    int i = index[e];
                    float zl = in.lower().data()[b * n + i] - w[j * n + i];
                    float zu = in.upper().data()[b * n + i] - w[j * n + i];
                    low = Math.max(low, zl > 0 ? zl : zu < 0 ? -zu : 0);
                    high = Math.max(high, Math.max(Math.abs(zl), Math.abs(zu)));
                }
                float shift = bias == null ? 0 : bias[j];
                lo[b * m + j] = low + shift;
                hi[b * m + j] = high + shift;
            }
        }
        return new Box(Tensor.of(lo, batch, m), Tensor.of(hi, batch, m));
    }

    private static Box linear(Linear layer, Box in) {
        int batch = in.lower().dim(0);
        int n = in.lower().dim(1);
        Tensor weight = layer.weight().value();
        int m = weight.dim(0);
        Var bias = layer.parameters().get("bias");
        float[] lo = new float[batch * m];
        float[] hi = new float[batch * m];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < m; j++) {
                double centre = bias == null ? 0 : bias.value().data()[j];
                double radius = 0;
                for (int i = 0; i < n; i++) {
                    double l = in.lower().data()[b * n + i];
                    double u = in.upper().data()[b * n + i];
                    double wji = weight.data()[j * n + i];
                    centre += wji * (l + u) / 2;
                    radius += Math.abs(wji) * (u - l) / 2;
                }
                // widened by more than the float rounding of the forward pass, so the bounds stay sound
                double slack = 1e-6 * (Math.abs(centre) + radius) + 1e-7;
                lo[b * m + j] = (float) (centre - radius - slack);
                hi[b * m + j] = (float) (centre + radius + slack);
            }
        }
        return new Box(Tensor.of(lo, batch, m), Tensor.of(hi, batch, m));
    }
}
