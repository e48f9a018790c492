package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.io.AtomicFiles;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Evaluation;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.io.Json;
import org.linfgrad.io.LineChart;
import org.linfgrad.model.Network;
import org.linfgrad.prune.EdgeUsage;
import org.linfgrad.prune.PruneSweep;
import org.linfgrad.prune.Pruner;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linfgrad prune --model CKPT --threshold N | --keep F}: counts how often each edge of every neuron layer
 * decides its output on the training set (or its first {@code --limit} samples) ({@link EdgeUsage} states the rule per neuron type), drops the edges
 * of the distance layers used fewer than N times (or keeps the fraction F of the most used), writes the pruned
 * checkpoint, optionally fine-tunes it at p = infinity, and reports accuracy, throughput and a sweep of
 * thresholds with the largest removal that costs at most half a percentage point.
 */
@Command(name = "prune", sortOptions = false,
        description = "Prune the rarely-argmax edges of a checkpoint's distance layers, report accuracy before and "
                + "after, and sweep the thresholds.")
final class PruneCommand implements Subcommand {
    /** The accuracy a pruned net may lose, clean and certified, in the sweep's summary: half a percentage point. */
    private static final double TOLERANCE = 0.005;

    @Option(names = "--model", paramLabel = "CKPT", required = true, description = "a checkpoint written by train")
    Path model;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Cut cut;
    @Option(names = "--eps", paramLabel = "X", defaultValue = "0.1",
            description = "the radius of the certified accuracy reported (default: ${DEFAULT-VALUE})")
    double eps;
    @Option(names = "--limit", paramLabel = "N",
            description = "count edge usage on the first N training samples (default: all)")
    Integer limit;
    @Option(names = "--data", paramLabel = "DIR",
            description = "the directory of the fashion-mnist IDX files (default: Debian's dataset-fashion-mnist one)")
    Path dataDir;
    @Option(names = "--out", paramLabel = "FILE", description = "the pruned checkpoint (default: pruned.safetensors "
            + "beside the checkpoint)")
    Path outFile;
    @Option(names = "--finetune", paramLabel = "EPOCHS", defaultValue = "0",
            description = "then train the pruned net this many epochs at p = inf (default: ${DEFAULT-VALUE})")
    int finetune;
    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.002",
            description = "the learning rate of the fine-tuning (default: ${DEFAULT-VALUE})")
    double lr;

    /** Which edges go: those used fewer than --threshold times, or all but the --keep fraction most used. */
    static final class Cut {
        @Option(names = "--threshold", paramLabel = "N", required = true,
                description = "a usage count, or a fraction of the training samples when below 1")
        Double threshold;
        @Option(names = "--keep", paramLabel = "F", required = true, description = "a fraction of the edges")
        Double keep;
    }

    @Override
    public int run(PrintStream out) {
        double fraction = cut.keep == null ? 1 : cut.keep;
        if ((cut.threshold != null && cut.threshold < 0) || !(fraction > 0 && fraction <= 1) || !(eps >= 0 && eps < 1)
                || finetune < 0 || !(lr > 0) || (limit != null && limit < 1)) {
            throw new UsageException("--threshold must be >= 0, --keep in (0, 1], --eps in [0, 1), --finetune >= 0, "
                    + "--lr > 0 and --limit >= 1");
        }
        try {
            Path path = model;
            Checkpoint.Loaded loaded = Checkpoint.load(path);
            String dataset = loaded.metadata().getOrDefault("dataset", "digits");
            DataSets.Split data = DataSets.byName(dataset, dataDir);
            Network net = loaded.network();
            Dataset counted = data.train();
            if (limit != null && limit < counted.size()) {
                counted = counted.subset(IntStream.range(0, limit).toArray());
            }
            EdgeUsage.Counts counts = EdgeUsage.count(net, counted, loaded.normalization());
            // a threshold below 1 is a fraction of the training samples, from 1 up a count
            int chosen = cut.keep != null ? Pruner.thresholdForKeeping(net, counts, fraction)
                    : (int) Math.ceil(cut.threshold < 1 ? cut.threshold * counts.samples() : cut.threshold);
            out.printf("%s (%s): edge usage on %d training samples, threshold %d%n", path, net.spec().format(),
                    counts.samples(), chosen);
            Network pruned = Pruner.prune(net, counts, chosen);
            printUsage(out, net, pruned, counts, chosen);
            if (Pruner.edgesKept(net).getLast()[1] == 0) {
                out.println("nothing pruned: the net has no L-infinity distance layer, and order-statistic layers are "
                        + "counted only (dropping an input shifts the rank a neuron selects)");
                return 0;
            }
            Evaluation before = new Certifier(net, loaded.normalization()).evaluate(data.test(), eps);
            Evaluation after = new Certifier(pruned, loaded.normalization()).evaluate(data.test(), eps);
            out.printf(Locale.ROOT, "%-24s %8s %8s%n", "", "before", "after");
            out.printf(Locale.ROOT, "%-24s %7.2f%% %7.2f%%%n", "clean accuracy", 100 * before.accuracy(),
                    100 * after.accuracy());
            out.printf(Locale.ROOT, "%-24s %7.2f%% %7.2f%%%n", "certified at eps " + eps,
                    100 * before.certifiedAccuracy(), 100 * after.certifiedAccuracy());
            out.printf(Locale.ROOT, "%-24s %8.0f %8.0f   samples/s, inference on the test set (%s backend)%n",
                    "throughput", throughput(net, data.test(), loaded), throughput(pruned, data.test(), loaded),
                    org.linfgrad.backend.Backends.current().name());
            Path target = outFile != null ? outFile : path.resolveSibling("pruned.safetensors");
            Checkpoint.save(target, pruned, loaded.normalization(), Map.of("dataset", dataset, "pruned_threshold",
                    Integer.toString(chosen)));
            out.printf("pruned checkpoint        %s%n", target);
            if (finetune > 0) {
                fineTune(out, target, pruned, dataset, dataDir, finetune, lr, eps);
            }
            sweep(out, net, counts, data, loaded, eps, target);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per counted layer: edges used at least {@code threshold} times; distance layers are the ones pruned. */
    private static void printUsage(PrintStream out, Network net, Network pruned, EdgeUsage.Counts counts,
                                   int threshold) {
        List<org.linfgrad.nn.Layer> layers = net.body().layers();
        for (int k = 0; k < layers.size(); k++) {
            int[] usage = counts.perLayer().get(k);
            if (usage != null) {
                long used = java.util.Arrays.stream(usage).filter(c -> c >= threshold).count();
                boolean prunable = layers.get(k) instanceof org.linfgrad.nn.DistanceLayer;
                out.printf(Locale.ROOT, "  layer %-2d %-18s %9d of %9d edges used %s (%.2f %%)%n", k,
                        layers.get(k).getClass().getSimpleName(), used, usage.length,
                        prunable ? "and kept" : "(counted, not pruned)", 100.0 * used / usage.length);
            }
        }
        long[] overall = Pruner.edgesKept(pruned).getLast();
        if (overall[1] > 0) { // a net without distance layers says so in the line after
            out.printf(Locale.ROOT, "  %-27s %9d of %9d edges of distance layers kept (%.2f %%)%n", "overall",
                    overall[0], overall[1], 100.0 * overall[0] / overall[1]);
        }
    }

    /** Trains the pruned net for a few epochs at p = infinity (pruned edges stay pruned) and reports it. */
    private static void fineTune(PrintStream out, Path pruned, Network net, String dataset, Path dataDir, int epochs,
                                 double lr, double eps) throws IOException {
        Path dir = pruned.toAbsolutePath().resolveSibling(pruned.getFileName().toString().replace(".safetensors", "")
                + "-finetuned");
        TrainConfig config = TrainConfig.builder(dataset).model(net.spec().format()).init(pruned)
                .fixedP(Double.POSITIVE_INFINITY).epochs(epochs).lr(lr).eps(eps).out(dir)
                .dataDir(dataDir).build();
        out.printf("fine-tuning %d epochs at p = inf, lr %s:%n", epochs, lr);
        Trainer.Result result = new Trainer(config, out).run();
        out.printf(Locale.ROOT, "after fine-tuning        clean %.2f%%, certified %.2f%%, checkpoint %s%n",
                100 * result.test().accuracy(), 100 * result.test().certifiedAccuracy(), result.checkpoint());
    }

    /**
     * Test-set images per second through the network in evaluation mode: the best of 3 timed passes, after
     * passes for at least a second so that the kernels are compiled.
     */
    private static double throughput(Network net, Dataset test, Checkpoint.Loaded loaded) {
        net.setTraining(false);
        org.linfgrad.tensor.Tensor x = loaded.normalization().apply(test.images());
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        do {
            net.predict(x);
        } while (System.nanoTime() < warmUpEnd);
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            net.predict(x);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return test.size() / best;
    }

    /** Clean and certified accuracy against the fraction of edges kept: a table, a JSON file and a PNG. */
    private static void sweep(PrintStream out, Network net, EdgeUsage.Counts counts, DataSets.Split data,
                              Checkpoint.Loaded loaded, double eps, Path target) throws IOException {
        List<PruneSweep.Point> points = PruneSweep.run(net, counts, data.test(), loaded.normalization(), eps);
        out.println("sweep (no fine-tuning): threshold, edges kept, clean, certified");
        for (PruneSweep.Point p : points) {
            out.printf(Locale.ROOT, "  %6d  %8.4f %%  %6.2f %%  %6.2f %%%n", p.threshold(), 100 * p.keptFraction(),
                    100 * p.clean(), 100 * p.certified());
        }
        PruneSweep.largestRemovalWithin(points, TOLERANCE).ifPresent(p -> out.printf(Locale.ROOT,
                "largest removal within %.1f points of the dense net: threshold %d removes %.2f %% of the edges "
                        + "(clean %.2f %%, certified %.2f %%)%n", 100 * TOLERANCE, p.threshold(),
                100 * (1 - p.keptFraction()), 100 * p.clean(), 100 * p.certified()));
        Path report = target.resolveSibling("prune-sweep.json");
        AtomicFiles.writeString(report, Json.write(points) + "\n");
        double[] xs = points.stream().mapToDouble(PruneSweep.Point::keptFraction).toArray();
        LineChart.write(target.resolveSibling("prune-sweep.png"), List.of(LineChart.Panel.of(
                "accuracy against the fraction of edges kept", "fraction of edges kept (log scale)", "accuracy", xs,
                List.of(new LineChart.Series("clean", points.stream().mapToDouble(PruneSweep.Point::clean).toArray()),
                        new LineChart.Series(String.format(Locale.ROOT, "certified at eps = %.3f", eps),
                                points.stream().mapToDouble(PruneSweep.Point::certified).toArray())), 0, 1).withLogX()));
        out.printf("sweep report             %s%n", report);
    }
}
