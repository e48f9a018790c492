package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.linfgrad.course.Assignment;
import org.linfgrad.course.Task;
import org.linfgrad.course.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linfgrad assignment --out DIR [--tasks a,b]}: writes a student copy with the chosen tasks stubbed out. */
@Command(name = "assignment", sortOptions = false,
        description = "Write a student copy of the project with the chosen course tasks stubbed out.")
final class AssignmentCommand implements Subcommand {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "a new or empty directory")
    Path target;
    @Option(names = "--tasks", paramLabel = "all|ID,ID", defaultValue = "all",
            description = "the tasks to stub out: all, or task ids separated by commas (default: ${DEFAULT-VALUE})")
    String tasks;
    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "the linfgrad project to copy (default: ${DEFAULT-VALUE})")
    Path project;

    @Override
    public int run(PrintStream out) {
        List<Task> chosen = Tasks.parse(tasks);
        List<Assignment.Stub> stubs;
        try {
            stubs = Assignment.write(project, target, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("wrote the assignment to " + target + " (" + target + "/ASSIGNMENT.md says what to do):");
        for (Assignment.Stub s : stubs) {
            out.printf("  %-26s %s:%d%n", s.task().id(), s.file(), s.line());
        }
        return 0;
    }
}
