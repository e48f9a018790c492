package org.linfgrad.nn;

import java.util.Arrays;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.OrderStatistic;
import org.linfgrad.tensor.Tensor;

/**
 * The order-statistic neuron: y_j = (z_(lo_j) + z_(hi_j)) / 2 (+ b_j), z_(k) the k-th smallest of
 * z_i = x_i - w_ji (1-based, ties to the lowest index). The r-th order statistic has lo = hi = r (r = in is
 * the max neuron); the median has lo = hi = (n+1)/2 for odd n and the two middle ranks n/2, n/2+1 for even n.
 * Lipschitz constant in the L-infinity norm: 1, since every order statistic of x - w_j is 1-Lipschitz in x
 * (shifting every x_i by at most d shifts every order statistic by at most d), and so is their mean.
 */
public final class OrderStat extends NeuronLayer {
    private final int[] low;
    private final int[] high;

    private OrderStat(Var weight, Var bias, int[] low, int[] high) {
        super(weight, bias);
        this.low = low;
        this.high = high;
    }

    /** The k-th order statistic in every neuron, weights N(0, 1). */
    public static OrderStat kth(int in, int out, int k, boolean bias, Random rng) {
        if (k < 1 || k > in) {
            throw new IllegalArgumentException("OrderStat: rank k must be in [1, " + in + "], got " + k);
        }
        int[] ranks = new int[out];
        Arrays.fill(ranks, k);
        return new OrderStat(Var.param(Init.normal(rng, out, in)), biasFor(out, bias), ranks, ranks);
    }

    /** The median in every neuron, weights N(0, 1). */
    public static OrderStat median(int in, int out, boolean bias, Random rng) {
        return median(Var.param(Init.normal(rng, out, in)), biasFor(out, bias));
    }

    /** The median neuron around existing parameters (bias may be null). */
    public static OrderStat median(Var weight, Var bias) {
        int n = weight.shape()[1];
        int[] low = new int[weight.shape()[0]];
        int[] high = new int[low.length];
        Arrays.fill(low, (n + 1) / 2);
        Arrays.fill(high, n / 2 + 1);
        return new OrderStat(weight, bias, low, high);
    }

    /** Neurons selecting the given 1-based ranks around existing parameters (bias may be null). */
    public static OrderStat ranks(Var weight, Var bias, int... k) {
        return new OrderStat(weight, bias, k.clone(), k.clone());
    }

    private static Var biasFor(int out, boolean bias) {
        return bias ? Var.param(Tensor.zeros(out)) : null;
    }

    @Override
    public Var forward(Var x) {
        Var y = Var.apply(new OrderStatistic(low), x, weight());
        if (!Arrays.equals(low, high)) {
            y = y.add(Var.apply(new OrderStatistic(high), x, weight())).scale(0.5f);
        }
        return withBias(y);
    }

    /** True when this layer takes the mean of two ranks somewhere (the even median). */
    public boolean averagesTwoRanks() {
        return !Arrays.equals(low, high);
    }

    public int[] lowRanks() {
        return low.clone();
    }

    public int[] highRanks() {
        return high.clone();
    }

    /** The parameters, and the 1-based ranks of every neuron as the buffers {@code low_rank} and {@code high_rank} [out]. */
    @Override
    public LayerState state() {
        return LayerState.of(parameters()).withTensor("low_rank", ranksTensor(low)).withTensor("high_rank",
                ranksTensor(high));
    }

    @Override
    public Layer restore(LayerState saved) {
        saved.copyInto(parameters());
        return new OrderStat(weight(), bias(), savedRanks(saved, "low_rank"), savedRanks(saved, "high_rank"));
    }

    private static Tensor ranksTensor(int[] ranks) {
        float[] values = new float[ranks.length];
        for (int j = 0; j < ranks.length; j++) {
            values[j] = ranks[j];
        }
        return Tensor.of(values, ranks.length);
    }

    /** Whole ranks in [1, in], one per neuron. */
    private int[] savedRanks(LayerState saved, String name) {
        Tensor t = saved.tensor(name);
        int n = weight().shape()[1];
        if (!t.hasShape(low.length)) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + t.size() + " ranks for " + low.length
                    + " neurons");
        }
        int[] ranks = new int[low.length];
        for (int j = 0; j < ranks.length; j++) {
            float r = t.data()[j];
            if (r != Math.rint(r) || r < 1 || r > n) {
                throw new IllegalArgumentException("tensor '" + name + "' holds rank " + r + " for neuron " + j
                        + ", not a whole number in [1, " + n + "]");
            }
            ranks[j] = (int) r;
        }
        return ranks;
    }

}
