package org.linfgrad.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.linfgrad.io.LineChart;
import org.linfgrad.model.Network;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.SoftOrderStat;

/**
 * Where the learnt ranks of a net's soft order-statistic layers settled: per layer, the share of its neurons
 * whose relative rank (R_j - 1) / (n - 1) (0: the minimum, 1/2: the median, 1: the maximum of |x - w|) falls
 * in each of {@value #BINS} bins of [0, 1], drawn as one curve per layer (PNG and SVG), with a one-line summary.
 */
final class RankHistogram {
    static final int BINS = 20;

    private RankHistogram() {}

    /** The relative ranks of every soft order-statistic layer of the body, in order; none for other nets. */
    static List<double[]> relativeRanks(Network net) {
        List<double[]> layers = new ArrayList<>();
        for (Layer layer : net.body().layers()) {
            if (layer instanceof SoftOrderStat soft) {
                float[] rank = soft.rank().value().data();
                int n = soft.weight().shape()[1];
                layers.add(Arrays.stream(toDouble(rank)).map(r -> n == 1 ? 1 : (r - 1) / (n - 1)).toArray());
            }
        }
        return layers;
    }

    /** The share of {@code values} (in [0, 1]) in each bin; 1 falls in the last. */
    static double[] shares(double[] values) {
        double[] shares = new double[BINS];
        for (double v : values) {
            shares[Math.min(BINS - 1, (int) (v * BINS))] += 1.0 / values.length;
        }
        return shares;
    }

    /** Draws the histogram of {@code layers} (as {@link #relativeRanks} gives them) and says where they settled. */
    static String write(Path png, List<double[]> layers) throws IOException {
        double[] centres = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            centres[b] = (b + 0.5) / BINS;
        }
        List<LineChart.Series> series = new ArrayList<>();
        List<String> medians = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            series.add(new LineChart.Series("layer " + (l + 1), shares(layers.get(l))));
            medians.add(String.format(Locale.ROOT, "%.2f", median(layers.get(l))));
        }
        LineChart.write(png, List.of(LineChart.Panel.of("learnt ranks of the soft order-statistic layers",
                "relative rank (R - 1) / (n - 1): 0 min, 0.5 median, 1 max", "share of the layer's neurons", centres,
                series, 0, Double.NaN)));
        return "median relative rank per layer " + String.join(", ", medians) + " (1 = max)";
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int h = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
