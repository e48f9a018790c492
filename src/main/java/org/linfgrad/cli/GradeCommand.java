package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.linfgrad.course.GradeReport;
import org.linfgrad.course.Grader;
import org.linfgrad.course.Tasks;
import org.linfgrad.io.AtomicFiles;

/**
 * {@code linfgrad grade DIR [--json FILE]}: compiles a student copy, runs each task's checks, scores each task;
 * {@code linfgrad grade --submissions DIR --csv FILE} grades every copy in DIR into one CSV.
 */
final class GradeCommand implements Command {

    @Override
    public String summary() {
        return "grade a student copy: DIR [--json FILE] [--timeout SECONDS]; or every copy in a folder: "
                + "--submissions DIR --csv FILE";
    }

    @Override
    public int run(Args args, PrintStream out) {
        String submissions = args.string("submissions", null);
        String csv = args.string("csv", null);
        String json = args.string("json", null);
        Duration timeout = Duration.ofSeconds(args.integer("timeout", (int) Grader.TASK_TIMEOUT.toSeconds()));
        try {
            if (submissions != null) {
                args.requireAllUsed();
                if (csv == null) {
                    throw new UsageException("--submissions DIR needs --csv FILE, where the scores go");
                }
                return gradeAll(Path.of(submissions), Path.of(csv), timeout, out);
            }
            Path student = Path.of(args.argument("the directory of the student copy (linfgrad grade DIR)"));
            args.requireAllUsed();
            GradeReport report = Grader.grade(student, timeout);
            if (json != null) {
                AtomicFiles.writeString(Path.of(json), report.json());
            }
            out.print(report.table());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        }
    }

    /** One CSV row per subdirectory of {@code folder}, in name order; one line per submission on {@code out}. */
    private static int gradeAll(Path folder, Path csv, Duration timeout, PrintStream out)
            throws IOException, InterruptedException {
        List<Path> copies;
        try (Stream<Path> entries = Files.list(folder)) {
            copies = entries.filter(Files::isDirectory).sorted().toList();
        }
        if (copies.isEmpty()) {
            throw new UsageException(folder + " holds no submission directories");
        }
        List<String> rows = new ArrayList<>(List.of(GradeReport.csvHeader(Tasks.ALL)));
        for (Path copy : copies) {
            String name = copy.getFileName().toString();
            try {
                GradeReport report = Grader.grade(copy, timeout);
                rows.add(report.csvRow(name, Tasks.ALL));
                out.printf(Locale.ROOT, "%-24s %5.1f %%%n", name, report.total());
            } catch (IllegalArgumentException e) {
                rows.add(name + "," + ",".repeat(Tasks.ALL.size()) + "0");
                out.printf("%-24s not graded: %s%n", name, e.getMessage());
            }
        }
        AtomicFiles.writeString(csv, String.join("\n", rows) + "\n");
        out.println("wrote " + csv);
        return 0;
    }
}
