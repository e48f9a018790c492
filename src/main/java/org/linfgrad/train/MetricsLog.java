package org.linfgrad.train;

import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.linfgrad.data.FileProblems;
import org.linfgrad.io.AtomicFiles;
import org.linfgrad.io.Json;
import org.linfgrad.io.LineChart;

/** The per-epoch metrics of a run: one JSON object per line in metrics.jsonl, and their curves as a PNG. */
final class MetricsLog {
    private static final TypeToken<LinkedHashMap<String, Double>> LINE = new TypeToken<>() {};

    private MetricsLog() {}

    /** The log for appending, created when missing. */
    static Writer open(Path path) throws IOException {
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Writes one line, {@code {"name":value,...}} ({@link Json}: a non-finite value, p = infinity say, as the
     * string "Infinity"), and flushes it.
     */
    static void append(Writer log, Path path, Map<String, Double> line) throws IOException {
        try {
            log.write(format(line));
            log.flush();
        } catch (IOException e) {
            throw FileProblems.at(path, e);
        }
    }

    /** Replaces the log by these lines, atomically. */
    static void rewrite(Path path, List<Map<String, Double>> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(format(line)));
        AtomicFiles.writeString(path, text.toString());
    }

    private static String format(Map<String, Double> line) {
        return Json.write(line) + "\n";
    }

    /**
     * The lines of the epochs up to {@code lastEpoch} (those a resumed run's checkpoint has seen), dropping any
     * written after it and a half-written last line.
     */
    static List<Map<String, Double>> readUpTo(Path path, int lastEpoch) throws IOException {
        List<Map<String, Double>> kept = new ArrayList<>();
        for (Map<String, Double> line : read(path)) {
            Double epoch = line.get("epoch");
            if (epoch != null && epoch <= lastEpoch && line.containsKey("eps")) {
                kept.add(line);
            }
        }
        return kept;
    }

    /**
     * Reads the lines written by {@link #append}, up to the first that is not one (a line cut short by a full
     * disk or a kill: its epoch is not in the checkpoint).
     */
    static List<Map<String, Double>> read(Path path) throws IOException {
        List<Map<String, Double>> lines = new ArrayList<>();
        if (!Files.isRegularFile(path)) {
            return lines;
        }
        for (String text : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            try {
                lines.add(Json.read(text, LINE));
            } catch (IllegalArgumentException cutShort) {
                break;
            }
        }
        return lines;
    }

    /**
     * Accuracy curves (train, held-out, certified at the run's eps) and the loss against the epoch, as a PNG and an
     * SVG beside it, with the p phases of training shaded where p changes during the run.
     */
    static void plot(Path png, List<Map<String, Double>> history) throws IOException {
        double[] epochs = column(history, "epoch");
        String held = history.get(0).containsKey("val_accuracy") ? "val" : "test";
        List<LineChart.Band> phases = phases(history);
        LineChart.Panel accuracy = LineChart.Panel.of(String.format(Locale.ROOT, "accuracy (certified at eps = %s)",
                        number(history.get(0).get("eps"))), "epoch", "accuracy", epochs,
                List.of(new LineChart.Series("train", column(history, "train_accuracy")),
                        new LineChart.Series(held + " clean", column(history, held + "_accuracy")),
                        new LineChart.Series(held + " certified", column(history, held + "_certified"))), 0, 1);
        LineChart.Panel loss = LineChart.Panel.of("training loss", "epoch", "loss", epochs,
                List.of(new LineChart.Series("loss", column(history, "loss"))), Double.NaN, Double.NaN);
        LineChart.write(png, List.of(accuracy.withBands("p", phases), loss.withBands("p", phases)));
    }

    /**
     * The runs of epochs with one p, each from half an epoch before its first to half after its last, labelled
     * with that p; none when p never changes (or a line lacks it).
     */
    static List<LineChart.Band> phases(List<Map<String, Double>> history) {
        List<LineChart.Band> bands = new ArrayList<>();
        if (history.stream().anyMatch(line -> !line.containsKey("p"))) {
            return bands;
        }
        int first = 0;
        for (int k = 1; k <= history.size(); k++) {
            if (k == history.size() || !history.get(k).get("p").equals(history.get(first).get("p"))) {
                bands.add(new LineChart.Band(history.get(first).get("epoch") - 0.5, history.get(k - 1).get("epoch") + 0.5,
                        number(history.get(first).get("p"))));
                first = k;
            }
        }
        return bands.size() > 1 ? bands : List.of();
    }

    /** A number as a label: inf, a whole number without decimals, else as few digits as it needs. */
    private static String number(double value) {
        return Double.isInfinite(value) ? "inf" : value == Math.rint(value) ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static double[] column(List<Map<String, Double>> history, String name) {
        return history.stream().mapToDouble(line -> line.get(name)).toArray();
    }
}
