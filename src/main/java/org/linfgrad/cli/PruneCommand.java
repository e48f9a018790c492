package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.linfgrad.data.DataSets;
import org.linfgrad.io.AtomicFiles;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.io.LineChart;
import org.linfgrad.model.Network;
import org.linfgrad.prune.EdgeUsage;
import org.linfgrad.prune.Pruner;
import org.linfgrad.train.Evaluation;
import org.linfgrad.train.Trainer;

/**
 * {@code linfgrad prune --model CKPT --threshold N | --keep F}: counts how often each edge of the distance
 * layers is the argmax on the training set, drops the edges used fewer than N times (or keeps the fraction F
 * of the most used), writes the pruned checkpoint and a report with a sweep of thresholds.
 */
final class PruneCommand implements Command {
    private static final double[] SWEEP = {1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01};

    @Override
    public String summary() {
        return "prune the rarely-argmax edges of a checkpoint: --model CKPT (--threshold N (a count, or a fraction of "
                + "the training samples when below 1) | --keep F) "
                + "[--eps 0.1] [--data DIR] [--out FILE]";
    }

    @Override
    public int run(Args args, PrintStream out) {
        String model = args.string("model", null);
        String threshold = args.string("threshold", null);
        String keep = args.string("keep", null);
        double eps = args.number("eps", 0.1);
        String dataDir = args.string("data", null);
        String outFile = args.string("out", null);
        if (model == null || (threshold == null) == (keep == null)) {
            throw new UsageException("give --model CKPT and exactly one of --threshold N (a usage count, or a "
                    + "fraction of the training samples when below 1) or --keep F (a fraction of the edges)");
        }
        // a threshold below 1 is a fraction of the training samples, from 1 up a count
        double thresholdValue = threshold == null ? 0 : args.number("threshold", 0);
        double fraction = keep == null ? 1 : args.number("keep", 1);
        args.requireAllUsed();
        if (thresholdValue < 0 || !(fraction > 0 && fraction <= 1) || !(eps >= 0 && eps < 1)) {
            throw new UsageException("--threshold must be >= 0, --keep in (0, 1] and --eps in [0, 1)");
        }
        try {
            Path path = Path.of(model);
            Checkpoint.Loaded loaded = Checkpoint.load(path);
            DataSets.Split data = DataSets.byName(loaded.metadata().getOrDefault("dataset", "digits"),
                    dataDir == null ? null : Path.of(dataDir));
            Network net = loaded.network();
            if (Pruner.edgesKept(net).get(0)[1] == 0) {
                throw new UsageException(model + " (" + net.spec().format() + ") has no L-infinity distance layer; "
                        + "only those are pruned, since dropping an input of an order statistic changes what it selects");
            }
            float radius = loaded.normalization().radius(eps);
            EdgeUsage.Counts counts = EdgeUsage.count(net, data.train(), loaded.normalization());
            int chosen = keep != null ? Pruner.thresholdForKeeping(counts, fraction)
                    : thresholdValue < 1 ? (int) Math.ceil(thresholdValue * counts.samples()) : (int) Math.ceil(thresholdValue);
            Evaluation before = Trainer.evaluate(net, data.test(), loaded.normalization(), radius);
            Network pruned = Pruner.prune(net, counts, chosen);
            Evaluation after = Trainer.evaluate(pruned, data.test(), loaded.normalization(), radius);
            out.printf("pruned %s: edges used fewer than %d times in %d training samples removed%n", path, chosen,
                    counts.samples());
            List<long[]> kept = Pruner.edgesKept(pruned);
            for (int k = 0; k < kept.size(); k++) {
                out.printf(Locale.ROOT, "  %-12s %9d of %9d edges kept (%.2f %%)%n",
                        k == kept.size() - 1 ? "overall" : "layer " + k, kept.get(k)[0], kept.get(k)[1],
                        100.0 * kept.get(k)[0] / kept.get(k)[1]);
            }
            out.printf(Locale.ROOT, "%-24s %8s %8s%n", "", "before", "after");
            out.printf(Locale.ROOT, "%-24s %7.2f%% %7.2f%%%n", "clean accuracy", 100 * before.accuracy(),
                    100 * after.accuracy());
            out.printf(Locale.ROOT, "%-24s %7.2f%% %7.2f%%%n", "certified at eps " + eps,
                    100 * before.certifiedAccuracy(), 100 * after.certifiedAccuracy());
            out.printf(Locale.ROOT, "%-24s %8.0f %8.0f   samples/s, inference on the test set (%s backend)%n",
                    "throughput", throughput(net, data.test(), loaded), throughput(pruned, data.test(), loaded),
                    org.linfgrad.backend.Backends.current().name());
            Path target = outFile != null ? Path.of(outFile) : path.resolveSibling("pruned.safetensors");
            Checkpoint.save(target, pruned, loaded.normalization(), Map.of(
                    "dataset", loaded.metadata().getOrDefault("dataset", "digits"), "pruned_threshold",
                    Integer.toString(chosen)));
            out.printf("pruned checkpoint        %s%n", target);
            sweep(out, net, counts, data, loaded, radius, target);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Test-set images per second through the network in evaluation mode: the best of 3 timed passes after one. */
    private static double throughput(Network net, org.linfgrad.data.Dataset test, Checkpoint.Loaded loaded) {
        net.setTraining(false);
        org.linfgrad.tensor.Tensor x = loaded.normalization().apply(test.images());
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            net.predict(x);
            best = run == 0 ? best : Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return test.size() / best;
    }

    /** Clean and certified accuracy against the fraction of edges kept: a table, a JSON file and a PNG. */
    private static void sweep(PrintStream out, Network net, EdgeUsage.Counts counts, DataSets.Split data,
                              Checkpoint.Loaded loaded, float radius, Path target) throws IOException {
        List<double[]> rows = new ArrayList<>();
        out.println("sweep: kept fraction, threshold, clean, certified");
        int previous = -1;
        for (double fraction : SWEEP) {
            int t = Pruner.thresholdForKeeping(counts, fraction);
            if (t == previous) {
                continue; // counts tie: this fraction keeps the same edges as the last one
            }
            previous = t;
            Network pruned = Pruner.prune(net, counts, t);
            List<long[]> kept = Pruner.edgesKept(pruned);
            double keptFraction = (double) kept.get(kept.size() - 1)[0] / kept.get(kept.size() - 1)[1];
            Evaluation e = Trainer.evaluate(pruned, data.test(), loaded.normalization(), radius);
            rows.add(new double[] {keptFraction, t, e.accuracy(), e.certifiedAccuracy()});
            out.printf(Locale.ROOT, "  %.4f  %6d  %.2f%%  %.2f%%%n", keptFraction, t, 100 * e.accuracy(),
                    100 * e.certifiedAccuracy());
        }
        StringBuilder json = new StringBuilder("[");
        for (double[] r : rows) {
            json.append(json.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                    "{\"kept_fraction\":%.6f,\"threshold\":%d,\"clean\":%.5f,\"certified\":%.5f}", r[0], (long) r[1],
                    r[2], r[3]));
        }
        Path report = target.resolveSibling("prune-sweep.json");
        AtomicFiles.write(report, t -> Files.writeString(t, json.append("]\n"), StandardCharsets.UTF_8));
        double[] xs = rows.stream().mapToDouble(r -> r[0]).toArray();
        LineChart.write(target.resolveSibling("prune-sweep.png"), List.of(new LineChart.Panel(
                "accuracy against the fraction of edges kept", "fraction kept", xs,
                List.of(new LineChart.Series("clean", rows.stream().mapToDouble(r -> r[2]).toArray()),
                        new LineChart.Series("certified", rows.stream().mapToDouble(r -> r[3]).toArray())), 0, 1)));
        out.printf("sweep report             %s%n", report);
    }
}
