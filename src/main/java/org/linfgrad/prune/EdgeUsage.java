package org.linfgrad.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.data.Batches;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.nn.DistanceLayer;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.NeuronLayer;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.SortNet;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * How often each edge (neuron j, input i) of each neuron layer decides the output, over a data set run through
 * the network in evaluation mode at p = infinity. The rule per neuron type:
 * <ul>
 *   <li>L-inf distance: once per sample for which i is the argmax of |x_i - w_ji| (the lowest index among ties);
 *   <li>order statistic: once per sample for which i is the selected rank, and for the even median once for each
 *       of the two middle ranks;
 *   <li>soft order statistic: once per sample and rank r whose weight a_jr is at least {@value #SOFT_FLOOR}, for
 *       the input i sorted to rank r (weights below the floor move the output by less than 0.1 % of a spread);
 *   <li>weighted order statistic (its hard, evaluation form): once per sample for which i is the selected input.
 * </ul>
 * An edge that is (almost) never counted carries (almost) no information. Only neuron layers get a table
 * (linear layers, mean shifts and activations have none).
 */
public final class EdgeUsage {
    /** The smallest weight of a soft order statistic whose rank counts as used. */
    public static final float SOFT_FLOOR = 1e-3f;
    private static final int BATCH = 512;

    private EdgeUsage() {}

    /** One count table [M * N] per layer of the body, null for layers without neuron edges. */
    public record Counts(List<int[]> perLayer, int samples) {}

    public static Counts count(Network net, Dataset data, Normalization norm) {
        net.setTraining(false);
        net.setP(Double.POSITIVE_INFINITY);
        List<Layer> layers = net.body().layers();
        List<int[]> counts = new ArrayList<>();
        for (Layer layer : layers) {
            counts.add(layer instanceof NeuronLayer neuron ? new int[neuron.weight().value().size()] : null);
        }
        for (int[] positions : Batches.of(data.size(), BATCH, null)) {
            Tensor x = norm.apply(data.subset(positions).images());
            for (int k = 0; k < layers.size(); k++) {
                Layer layer = layers.get(k);
                if (layer instanceof NeuronLayer neuron) {
                    int n = x.dim(1);
                    int m = neuron.weight().shape()[0];
                    for (int[] selected : selections(neuron, x)) {
                        tally(counts.get(k), selected, m, n);
                    }
                }
                x = layer.forward(Var.constant(x)).value();
            }
        }
        return new Counts(counts, data.size());
    }

    /**
     * Counts one selection of a batch into a layer's table [M * N]: for output e = b * M + j (row-major) that
     * selected input i = selected[e], edge (j, i) is used once more; -1 selects nothing.
     */
    private static void tally(int[] counts, int[] selected, int m, int n) {
        // BEGIN SOLUTION edge-usage
        for (int e = 0; e < selected.length; e++) {
            if (selected[e] >= 0) {
                counts[(e % m) * n + selected[e]]++;
            }
        }
        // END SOLUTION
    }

    /**
     * The inputs a layer's outputs select for the batch x [B, N]: one index array [B * M] (row-major, -1 for
     * none) per selection the layer makes.
     */
    private static List<int[]> selections(NeuronLayer layer, Tensor x) {
        Backend be = Backends.current();
        return switch (layer) {
            case DistanceLayer d -> List.of(be.linfDist(x, d.weight().value(), d.kept()).indices());
            case OrderStat o -> o.averagesTwoRanks()
                    ? List.of(be.orderStat(x, o.weight().value(), o.lowRanks()).indices(),
                            be.orderStat(x, o.weight().value(), o.highRanks()).indices())
                    : List.of(be.orderStat(x, o.weight().value(), o.lowRanks()).indices());
            case SoftOrderStat s -> softSelections(s, x);
            case SortNet s -> java.util.Arrays.stream(be.topDistances(x, s.weight().value(), s.k()))
                    .map(ArgReduction::indices).toList();
            case WeightedOrderStat o -> List.of(be.weightedQuantile(x, o.weight().value(), o.edgeWeights().value(),
                    o.quantile().value()).indices());
        };
    }

    /**
     * For a soft order statistic, one selection per "slot": slot s of neuron j is its s-th rank with weight at
     * least the floor (-1 where it has fewer), and the input that rank sorts to in each sample.
     */
    private static List<int[]> softSelections(SoftOrderStat layer, Tensor x) {
        Tensor w = layer.weight().value();
        float[] a = layer.mixture().value().data();
        int m = w.dim(0), n = w.dim(1);
        List<int[]> usedRanks = new ArrayList<>(); // usedRanks.get(j): the 1-based ranks of neuron j above the floor
        int slots = 0;
        for (int j = 0; j < m; j++) {
            int[] ranks = new int[n];
            int count = 0;
            for (int r = 0; r < n; r++) {
                if (a[j * n + r] >= SOFT_FLOOR) {
                    ranks[count++] = r + 1;
                }
            }
            usedRanks.add(Arrays.copyOf(ranks, count));
            slots = Math.max(slots, count);
        }
        List<int[]> selections = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            int[] k = new int[m];
            for (int j = 0; j < m; j++) {
                int[] ranks = usedRanks.get(j);
                k[j] = s < ranks.length ? ranks[s] : 1;
            }
            int[] selected = Backends.current().orderStat(x, w, k).indices();
            for (int e = 0; e < selected.length; e++) {
                if (s >= usedRanks.get(e % m).length) {
                    selected[e] = -1;
                }
            }
            selections.add(selected);
        }
        return selections;
    }
}
