package org.linfgrad.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.nn.Activation;
import org.linfgrad.nn.DistanceLayer;
import org.linfgrad.nn.Init;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.LayerState;
import org.linfgrad.nn.Linear;
import org.linfgrad.nn.LinfDist;
import org.linfgrad.nn.MeanShift;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.Sequential;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.SortNet;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * A classifier built from a {@link ModelSpec}.
 * <ul>
 *   <li>dist: depth - 1 hidden distance layers (no bias) each followed by mean shift, then a distance layer
 *   with bias of width {@code classes}; the logits are its outputs negated. Every layer is 1-Lipschitz in
 *   evaluation (p = infinity, hard order statistics), so the logits are too.</li>
 *   <li>hybrid: depth distance layers with mean shift, then Linear(width, width), tanh, Linear(width, classes).</li>
 * </ul>
 * L-infinity layers get the identity initialisation where in &lt;= out.
 */
public final class Network {
    private final ModelSpec spec;
    private final Sequential body;
    private final boolean negateLogits;

    private Network(ModelSpec spec, Sequential body) {
        this.spec = spec;
        this.body = body;
        this.negateLogits = spec.kind() == ModelSpec.Kind.DIST;
    }

    /** A freshly initialised network. */
    public static Network create(ModelSpec spec, Random rng) {
        List<Layer> layers = new ArrayList<>();
        int in = spec.inputs();
        int hidden = spec.kind() == ModelSpec.Kind.DIST ? spec.depth() - 1 : spec.depth();
        for (int k = 0; k < hidden; k++) {
            layers.add(distanceLayer(spec.neuron(), in, spec.width(), false, rng));
            layers.add(new MeanShift(spec.width()));
            in = spec.width();
        }
        if (spec.kind() == ModelSpec.Kind.DIST) {
            layers.add(distanceLayer(spec.neuron(), in, spec.classes(), true, rng));
        } else {
            layers.add(new Linear(in, spec.width(), true, rng));
            layers.add(new Activation(Activation.Kind.TANH));
            layers.add(new Linear(spec.width(), spec.classes(), true, rng));
        }
        return new Network(spec, new Sequential(layers));
    }

    /** A network with the given layers, for a checkpoint reader or a pruner. */
    public static Network of(ModelSpec spec, Sequential body) {
        return new Network(spec, body);
    }

    private static Layer distanceLayer(ModelSpec.Neuron neuron, int in, int out, boolean bias, Random rng) {
        return switch (neuron) {
            case LINF -> {
                LinfDist layer = new LinfDist(in, out, bias, rng);
                if (in <= out) {
                    Init.identity(layer.weight().value(), Init.IDENTITY_VALUE);
                }
                yield layer;
            }
            case MEDIAN -> OrderStat.median(in, out, bias, rng);
            case ORDERSTAT -> OrderStat.kth(in, out, Math.max(1, in - 1), bias, rng);
            case SOFTORDER -> SoftOrderStat.startingAtTheMax(in, out, bias, SoftOrderStat.Kernel.LAPLACE, rng);
            case WEIGHTED -> new WeightedOrderStat(in, out, bias, rng);
            case SORTNET -> new SortNet(in, out, bias, ModelSpec.Neuron.SORTNET_Q, Math.min(in, ModelSpec.Neuron.SORTNET_K),
                    rng);
        };
    }

    /** The logits [B, classes] of a batch [B, inputs]. */
    public Var logits(Var x) {
        Var out = body.forward(x);
        return negateLogits ? out.neg() : out;
    }

    /** The layers before the head: all of a dist net's, the distance layers and mean shifts of a hybrid. */
    public Sequential features() {
        return new Sequential(body.layers().subList(0, headStart()));
    }

    /** The head of a hybrid (Linear, tanh, Linear) that maps the features to the logits; empty for a dist net. */
    public List<Layer> head() {
        return body.layers().subList(headStart(), body.layers().size());
    }

    private int headStart() {
        List<Layer> layers = body.layers();
        int k = 0;
        while (k < layers.size() && !(layers.get(k) instanceof Linear)) {
            k++;
        }
        return k;
    }

    /** The logits of a batch, computed without recording. */
    public Tensor predict(Tensor x) {
        return logits(Var.constant(x)).value();
    }

    public ModelSpec spec() {
        return spec;
    }

    public Sequential body() {
        return body;
    }

    public Map<String, Var> parameters() {
        return body.parameters();
    }

    /** Training mode (batch statistics, soft weighted neurons) or evaluation mode (running means, hard). */
    public void setTraining(boolean training) {
        body.setTraining(training);
    }

    /** Everything that defines the function, layer by layer: {@code 0.weight}, {@code 1.running_mean}, ... */
    public LayerState state() {
        return body.state();
    }

    /**
     * This network's architecture with a saved state: a network of the same spec whose layers hold it (pruned
     * where the state has masks).
     *
     * @throws IllegalArgumentException naming an entry that is missing, misshapen or not this network's
     */
    public Network restore(LayerState saved) {
        return new Network(spec, body.restore(saved));
    }

    /** Sets the exponent of every L-infinity distance and SortNet layer: finite for the L-p relaxation. */
    public void setP(double p) {
        for (Layer layer : body.layers()) {
            switch (layer) {
                case DistanceLayer distance -> distance.setP(p);
                case SortNet sort -> sort.setP(p);
                default -> { }
            }
        }
    }

    /** Sets the temperature of every soft order-statistic layer. */
    public void setTemperature(double tau) {
        for (Layer layer : body.layers()) {
            if (layer instanceof SoftOrderStat soft) {
                soft.setTemperature(tau);
            }
        }
    }

    /**
     * True when the neurons train through another function than the one evaluated (SortNet's random subsets,
     * the weighted order statistic's soft form), so that the running means of the mean shifts, gathered in
     * training, do not fit the evaluated network: {@link #recalibrate} re-estimates them.
     */
    public boolean trainsOnAnotherForm() {
        return spec.neuron() == ModelSpec.Neuron.SORTNET || spec.neuron() == ModelSpec.Neuron.WEIGHTED;
    }

    /**
     * Re-estimates every mean shift's running mean as the average over the batches of x of its batch mean,
     * with every other layer in evaluation form; leaves the network in evaluation mode.
     */
    public void recalibrate(List<Tensor> batches) {
        setTraining(false);
        for (int k = 0; k < batches.size(); k++) {
            Var x = Var.constant(batches.get(k));
            for (Layer layer : body.layers()) {
                x = layer instanceof MeanShift shift ? shift.forwardAveraging(x, k == 0, k) : layer.forward(x);
            }
        }
    }

    /** True when the logits are 1-Lipschitz in evaluation mode at p = infinity, so margins certify. */
    public boolean isOneLipschitz() {
        return spec.kind() == ModelSpec.Kind.DIST;
    }
}
