package org.linfgrad.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Evaluation;

/**
 * Clean and certified test accuracy of the net pruned at a series of usage thresholds, from the dense net
 * (threshold 0) up: 1, 2, 5, 10, 20, 50, ... until every edge is gone or the thresholds pass the number of
 * samples.
 */
public final class PruneSweep {
    private PruneSweep() {}

    /** One pruned net: its threshold, the fraction of distance-layer edges it keeps, and its test accuracies. */
    public record Point(int threshold, double keptFraction, double clean, double certified) {}

    /** Each pruned net evaluated at radius eps (pixel units) with its own certificate. */
    public static List<Point> run(Network net, EdgeUsage.Counts counts, Dataset test, Normalization norm,
                                  double eps) {
        List<Point> points = new ArrayList<>();
        for (int threshold : thresholds(counts.samples())) {
            Network pruned = Pruner.prune(net, counts, threshold);
            long[] overall = Pruner.edgesKept(pruned).getLast();
            Evaluation e = new Certifier(pruned, norm).evaluate(test, eps);
            points.add(new Point(threshold, (double) overall[0] / overall[1], e.accuracy(), e.certifiedAccuracy()));
            if (overall[0] == 0) {
                break;
            }
        }
        return points;
    }

    /**
     * The point that removes the most edges while losing at most {@code tolerance} (a fraction, 0.005 for half
     * a percentage point) in clean and in certified accuracy against the dense net, the first point.
     */
    public static Optional<Point> largestRemovalWithin(List<Point> points, double tolerance) {
        Point dense = points.getFirst();
        return points.stream()
                .filter(p -> p.clean() >= dense.clean() - tolerance && p.certified() >= dense.certified() - tolerance)
                .min(java.util.Comparator.comparingDouble(Point::keptFraction));
    }

    /** 0, then 1, 2, 5 times the powers of ten up to the number of samples. */
    private static List<Integer> thresholds(int samples) {
        List<Integer> thresholds = new ArrayList<>(List.of(0));
        for (long decade = 1; decade <= samples; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * decade <= samples) {
                    thresholds.add((int) (step * decade));
                }
            }
        }
        return thresholds;
    }
}
