package org.linfgrad.course;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How one task's checks ended: how many ran and passed, the verdict and one line (of the first failure, or
 * "pass"), the table that shows the failure, and a note reported beside the score.
 */
public record TaskResult(int checks, int passed, Verdict verdict, String line, String feedback, String note) {

    /** A task whose checks never ran to the end: it scores 0 with this verdict and line. */
    public static TaskResult without(Verdict verdict, String line) {
        return new TaskResult(0, 0, verdict, line, "", "");
    }

    /** The score in percent: the share of checks passed; 0 when they did not all run. */
    public int score() {
        return checks == 0 ? 0 : (int) Math.floor(100.0 * passed / checks);
    }

    /** Writes it where the grader reads it back ({@link #read}). */
    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("checks", Integer.toString(checks));
        p.setProperty("passed", Integer.toString(passed));
        p.setProperty("verdict", verdict.name());
        p.setProperty("line", line);
        p.setProperty("feedback", feedback);
        p.setProperty("note", note);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IOException when the file is missing or not such a result
     */
    static TaskResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            return new TaskResult(Integer.parseInt(p.getProperty("checks")), Integer.parseInt(p.getProperty("passed")),
                    Verdict.valueOf(p.getProperty("verdict")), p.getProperty("line"), p.getProperty("feedback"),
                    p.getProperty("note"));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a task result: " + e.getMessage(), e);
        }
    }
}
