package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Pgd;
import org.linfgrad.certify.Report;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.io.AtomicFiles;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.io.LineChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linfgrad certify --model CKPT --eps X}: clean, attacked and certified accuracy of a checkpoint on the
 * test set of the data set it was trained on, with the certified accuracy against the radius (table, JSON,
 * PNG).
 */
@Command(name = "certify", sortOptions = false,
        description = "Certify a checkpoint on the test set of its data set: clean, PGD, margin and interval "
                + "certified accuracy, and certified accuracy against the radius (table, JSON, PNG).")
final class CertifyCommand implements Subcommand {
    @Option(names = "--model", paramLabel = "CKPT", required = true, description = "a checkpoint written by train")
    Path model;
    @Option(names = "--eps", paramLabel = "X", defaultValue = "0.1",
            description = "the radius in pixel units of [0, 1] (default: ${DEFAULT-VALUE})")
    double eps;
    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "PGD steps (default: ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--restarts", paramLabel = "N", defaultValue = "1",
            description = "PGD restarts from a random start (default: ${DEFAULT-VALUE})")
    int restarts;
    @Option(names = "--limit", paramLabel = "N", description = "certify the first N test points (default: all)")
    Integer limit;
    @Option(names = "--data", paramLabel = "DIR",
            description = "the directory of the fashion-mnist IDX files (default: Debian's dataset-fashion-mnist one)")
    Path dataDir;
    @Option(names = "--out", paramLabel = "DIR",
            description = "where certify-epsX.json and .png go (default: beside the checkpoint)")
    Path outDir;

    @Override
    public int run(PrintStream out) {
        if (!(eps >= 0 && eps < 1)) {
            throw new UsageException("--eps must be in [0, 1) (a radius in pixel units of [0, 1]), got " + eps);
        }
        if (steps < 0 || restarts < 1 || (limit != null && limit < 1)) {
            throw new UsageException("--steps must be >= 0, --restarts and --limit >= 1");
        }
        try {
            Path path = model;
            Checkpoint.Loaded loaded = Checkpoint.load(path);
            String dataset = loaded.metadata().getOrDefault("dataset", "digits");
            Dataset test = DataSets.byName(dataset, dataDir).test();
            if (test.features() != loaded.network().spec().inputs()) {
                throw new UsageException(model + " takes " + loaded.network().spec().inputs() + " inputs but the "
                        + dataset + " test set has " + test.features() + " features per image");
            }
            if (limit != null && limit < test.size()) {
                test = test.subset(java.util.stream.IntStream.range(0, limit).toArray());
            }
            float pixelStep = (float) (2.5 * eps / Math.max(1, steps));
            Pgd pgd = new Pgd(steps, loaded.normalization().radius(pixelStep), restarts, 1);
            Certifier certifier = new Certifier(loaded.network(), loaded.normalization(), pgd, 2);
            out.printf("certifying %s (%s) on %d %s test images at eps %.3f: PGD %d steps x %d restarts%n", path,
                    loaded.network().spec().format(), test.size(), dataset, eps, steps, restarts);
            List<Certifier.Point> points = certifier.run(test, eps,
                    new CertifyProgress(out, test.size(), steps, restarts));
            List<double[]> curve = certifier.curve(test, points, 2 * Math.max(eps, 0.05), 8);
            Report report = Report.of(eps, points, curve);
            print(out, report, loaded.network().isOneLipschitz());
            Path dir = outDir != null ? outDir : path.toAbsolutePath().getParent();
            String stem = String.format(Locale.ROOT, "certify-eps%.3f", eps);
            AtomicFiles.writeString(dir.resolve(stem + ".json"), report.toJson(loaded.network().spec().format()));
            LineChart.write(dir.resolve(stem + ".png"), List.of(LineChart.Panel.of("certified accuracy by radius",
                    "radius eps (pixel units of [0, 1])", "certified accuracy", curve.stream().mapToDouble(c -> c[0])
                            .toArray(), List.of(new LineChart.Series("certified (" + loaded.network().spec().format()
                            + ")", curve.stream().mapToDouble(c -> c[1]).toArray())), 0, 1)
                    .withMarker(new LineChart.Marker(eps, String.format(Locale.ROOT, "eps = %.3f", eps)))));
            out.printf("report                 %s%n", dir.resolve(stem + ".json"));
            return report.violations() == 0 ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(PrintStream out, Report r, boolean lipschitz) {
        out.printf(Locale.ROOT, "%-22s %.2f %%%n", "clean accuracy", 100 * r.clean());
        out.printf(Locale.ROOT, "%-22s %.2f %%%n", "PGD accuracy", 100 * r.attack());
        out.printf(Locale.ROOT, "%-22s %s%n", "margin certified", lipschitz
                ? String.format(Locale.ROOT, "%.2f %%", 100 * r.margin()) : "n/a (not 1-Lipschitz)");
        out.printf(Locale.ROOT, "%-22s %.2f %%%n", "interval certified", 100 * r.interval());
        out.printf(Locale.ROOT, "%-22s %.2f %%%n", "certified accuracy", 100 * r.certified());
        out.printf(Locale.ROOT, "%-22s %d%n", "soundness violations", r.violations());
        out.println("certified accuracy by radius:");
        for (double[] point : r.curve()) {
            out.printf(Locale.ROOT, "  %.3f  %.2f %%%n", point[0], 100 * point[1]);
        }
    }
}
