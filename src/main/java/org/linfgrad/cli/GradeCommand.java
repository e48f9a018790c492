package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.linfgrad.course.GradeReport;
import org.linfgrad.course.Grader;
import org.linfgrad.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code linfgrad grade DIR [--json FILE]}: compiles a student copy, runs its gradient checks, scores each task. */
@Command(name = "grade", sortOptions = false,
        description = "Grade a student copy by its gradient checks: a score per task.")
final class GradeCommand implements Subcommand {
    @Parameters(paramLabel = "DIR", description = "the student copy, as `linfgrad assignment --out DIR` wrote it")
    Path student;
    @Option(names = "--json", paramLabel = "FILE", description = "also write the grades there as JSON")
    Path json;

    @Override
    public int run(PrintStream out) {
        GradeReport report;
        try {
            report = Grader.grade(student);
            if (json != null) {
                AtomicFiles.writeString(json, report.json());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        }
        out.print(report.table());
        return 0;
    }
}
