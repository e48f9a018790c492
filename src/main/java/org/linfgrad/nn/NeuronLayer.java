package org.linfgrad.nn;

import java.util.Map;
import org.linfgrad.autograd.Var;

/** What every distance and order-statistic layer has: weights [out, in] and an optional bias [out]. */
public abstract sealed class NeuronLayer implements Layer
        permits DistanceLayer, OrderStat, SoftOrderStat, SortNet, WeightedOrderStat {
    private final Var weight;
    private final Var bias;

    NeuronLayer(Var weight, Var bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** The weights w [out, in]. */
    public Var weight() {
        return weight;
    }

    /** The bias [out], or null. */
    public Var bias() {
        return bias;
    }

    /** y + b when there is a bias. */
    Var withBias(Var y) {
        return bias == null ? y : y.add(bias);
    }

    /** "weight", "bias" when there is one, then the layer's own parameters. */
    @Override
    public Map<String, Var> parameters() {
        return Params.of(weight, bias, extraParameters());
    }

    /** Parameters beyond weight and bias, by name (none by default). */
    Map<String, Var> extraParameters() {
        return Map.of();
    }
}
