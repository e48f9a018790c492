package org.linfgrad.prune;

import java.util.ArrayList;
import java.util.List;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.model.Network;
import org.linfgrad.nn.DistanceLayer;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.Sequential;
import org.linfgrad.nn.SparseLinfDist;

/**
 * Removes the edges of distance layers whose usage count is below a threshold, turning each distance layer
 * into a {@link SparseLinfDist} over the kept edges (sharing the weights). A pruned neuron is a max over a
 * subset of its edges, so the network stays 1-Lipschitz and its certificates stay sound. Edges a layer had
 * already dropped stay dropped.
 *
 * <p>Order-statistic layers are counted ({@link EdgeUsage}) but not pruned: dropping an input of a k-th
 * smallest shifts the ranks of the inputs above it, so the neuron would select another value even on the
 * samples where the dropped edge was never selected.
 */
public final class Pruner {
    private Pruner() {}

    /** Keeps the edges counted at least {@code minCount} times. */
    public static Network prune(Network net, EdgeUsage.Counts counts, int minCount) {
        List<Layer> layers = net.body().layers();
        List<Layer> pruned = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            if (layer instanceof DistanceLayer d) {
                int[] usage = counts.perLayer().get(k);
                int m = d.weight().shape()[0];
                int n = d.weight().shape()[1];
                boolean[] keep = new boolean[m * n];
                float[] before = d.kept().toMask().data();
                for (int e = 0; e < keep.length; e++) {
                    keep[e] = before[e] != 0 && usage[e] >= minCount;
                }
                SparseLinfDist sparse = new SparseLinfDist(d.weight(), d.bias(), EdgeList.fromMask(keep, m, n));
                sparse.setP(d.p());
                pruned.add(sparse);
            } else {
                pruned.add(layer);
            }
        }
        return Network.of(net.spec(), new Sequential(pruned));
    }

    /**
     * The smallest count threshold that keeps at most {@code fraction} of the edges of the distance layers
     * overall (edges with the same count are kept or dropped together).
     */
    public static int thresholdForKeeping(Network net, EdgeUsage.Counts counts, double fraction) {
        List<Integer> all = new ArrayList<>();
        List<Layer> layers = net.body().layers();
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof DistanceLayer) {
                for (int c : counts.perLayer().get(k)) {
                    all.add(c);
                }
            }
        }
        all.sort(null);
        int drop = (int) Math.ceil((1 - fraction) * all.size());
        return drop >= all.size() ? Integer.MAX_VALUE : drop == 0 ? 0 : all.get(drop - 1) + 1;
    }

    /** The kept edges of each distance layer and of all of them: {kept, total} per layer, then overall. */
    public static List<long[]> edgesKept(Network net) {
        List<long[]> rows = new ArrayList<>();
        long kept = 0;
        long total = 0;
        for (Layer layer : net.body().layers()) {
            if (layer instanceof DistanceLayer d) {
                long size = d.weight().value().size();
                rows.add(new long[] {d.kept().size(), size});
                kept += d.kept().size();
                total += size;
            }
        }
        rows.add(new long[] {kept, total});
        return rows;
    }
}
