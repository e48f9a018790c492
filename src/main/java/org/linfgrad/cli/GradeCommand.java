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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code linfgrad grade DIR [--json FILE]}: compiles a student copy, runs each task's checks, scores each task;
 * {@code linfgrad grade --submissions DIR --csv FILE} grades every copy in DIR into one CSV.
 */
@Command(name = "grade", sortOptions = false,
        description = "Grade a student copy by its task checks (a score per task), or every copy in a folder "
                + "into one CSV.")
final class GradeCommand implements Subcommand {
    @Parameters(paramLabel = "DIR", arity = "0..1",
            description = "the student copy, as `linfgrad assignment --out DIR` wrote it")
    Path student;
    @Option(names = "--json", paramLabel = "FILE", description = "also write the grades there as JSON")
    Path json;
    @Option(names = "--submissions", paramLabel = "DIR", description = "grade every subdirectory of DIR instead")
    Path submissions;
    @Option(names = "--csv", paramLabel = "FILE", description = "where --submissions writes the scores")
    Path csv;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "the time limit of each task's checks "
            + "(default: 120)")
    Integer timeoutSeconds;

    @Override
    public int run(PrintStream out) {
        Duration timeout = timeoutSeconds == null ? Grader.TASK_TIMEOUT : Duration.ofSeconds(timeoutSeconds);
        try {
            if (submissions != null) {
                if (csv == null || student != null) {
                    throw new UsageException("--submissions DIR needs --csv FILE, where the scores go, and no DIR "
                            + "of a single copy");
                }
                return gradeAll(submissions, csv, timeout, out);
            }
            if (student == null) {
                throw new UsageException("missing DIR (the student copy, as `linfgrad assignment --out DIR` wrote "
                        + "it), or give --submissions DIR --csv FILE");
            }
            GradeReport report = Grader.grade(student, timeout);
            if (json != null) {
                AtomicFiles.writeString(json, report.json());
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
