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
import java.util.Map;
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
    static void append(Writer log, Map<String, Double> line) throws IOException {
        log.write(format(line));
        log.flush();
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

    /** Accuracy curves (train, held-out, certified) and the loss against the epoch. */
    static void plot(Path png, List<Map<String, Double>> history) throws IOException {
        double[] epochs = column(history, "epoch");
        String held = history.get(0).containsKey("val_accuracy") ? "val" : "test";
        LineChart.write(png, List.of(
                new LineChart.Panel("accuracy (certified at eps = " + history.get(0).get("eps") + ")", "epoch", epochs,
                        List.of(new LineChart.Series("train", column(history, "train_accuracy")),
                                new LineChart.Series(held + " clean", column(history, held + "_accuracy")),
                                new LineChart.Series(held + " certified", column(history, held + "_certified"))), 0, 1),
                new LineChart.Panel("training loss", "epoch", epochs,
                        List.of(new LineChart.Series("loss", column(history, "loss"))), Double.NaN, Double.NaN)));
    }

    private static double[] column(List<Map<String, Double>> history, String name) {
        return history.stream().mapToDouble(line -> line.get(name)).toArray();
    }
}
