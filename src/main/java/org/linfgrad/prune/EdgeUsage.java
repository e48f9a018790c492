package org.linfgrad.prune;

import java.util.ArrayList;
import java.util.List;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backends;
import org.linfgrad.data.Batches;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.nn.DistanceLayer;
import org.linfgrad.nn.Layer;
import org.linfgrad.tensor.Tensor;

/**
 * How often each edge of each distance layer decides the output: running a data set through the network in
 * evaluation mode at p = infinity, edge (j, i) of a distance layer is counted once per sample for which input i
 * is the argmax of |x_i - w_ji| (the lowest index among ties). An edge that is (almost) never the argmax
 * carries no information and can be pruned. Other layer kinds are not counted (and not pruned).
 */
public final class EdgeUsage {
    private static final int BATCH = 512;

    private EdgeUsage() {}

    /** One count table per layer of the body, null for layers that are not distance layers. */
    public record Counts(List<int[]> perLayer, int samples) {}

    public static Counts count(Network net, Dataset data, Normalization norm) {
        net.setTraining(false);
        net.setP(Double.POSITIVE_INFINITY);
        List<Layer> layers = net.body().layers();
        List<int[]> counts = new ArrayList<>();
        for (Layer layer : layers) {
            counts.add(layer instanceof DistanceLayer d ? new int[d.weight().value().size()] : null);
        }
        for (int[] positions : Batches.of(data.size(), BATCH, null)) {
            Tensor x = norm.apply(data.subset(positions).images());
            for (int k = 0; k < layers.size(); k++) {
                if (layers.get(k) instanceof DistanceLayer d) {
                    ArgReduction max = Backends.current().linfDist(x, d.weight().value(), d.kept());
                    int n = x.dim(1);
                    int m = d.weight().shape()[0];
                    for (int e = 0; e < max.indices().length; e++) {
                        counts.get(k)[(e % m) * n + max.indices()[e]]++;
                    }
                }
                x = layers.get(k).forward(Var.constant(x)).value();
            }
        }
        return new Counts(counts, data.size());
    }
}
