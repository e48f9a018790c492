package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.linfgrad.course.GradeReport;
import org.linfgrad.course.Grader;
import org.linfgrad.io.AtomicFiles;

/** {@code linfgrad grade DIR [--json FILE]}: compiles a student copy, runs its gradient checks, scores each task. */
final class GradeCommand implements Command {

    @Override
    public String summary() {
        return "grade a student copy by its gradient checks: DIR [--json FILE]";
    }

    @Override
    public int run(Args args, PrintStream out) {
        Path student = Path.of(args.argument("the directory of the student copy (linfgrad grade DIR)"));
        String json = args.string("json", null);
        args.requireAllUsed();
        GradeReport report;
        try {
            report = Grader.grade(student);
            if (json != null) {
                AtomicFiles.writeString(Path.of(json), report.json());
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
