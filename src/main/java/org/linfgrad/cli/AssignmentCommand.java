package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.linfgrad.course.Assignment;
import org.linfgrad.course.Task;
import org.linfgrad.course.Tasks;

/** {@code linfgrad assignment --out DIR [--tasks a,b]}: writes a student copy with the chosen tasks stubbed out. */
final class AssignmentCommand implements Command {

    @Override
    public String summary() {
        return "write a student copy with tasks stubbed out: --out DIR [--tasks all|ID,ID] [--project .]";
    }

    @Override
    public int run(Args args, PrintStream out) {
        String target = args.string("out", null);
        List<Task> tasks = Tasks.parse(args.string("tasks", "all"));
        Path project = Path.of(args.string("project", "."));
        args.requireAllUsed();
        if (target == null) {
            throw new UsageException("--out DIR is required (a new or empty directory); tasks: "
                    + String.join(", ", Tasks.ids(Tasks.ALL)));
        }
        List<Assignment.Stub> stubs;
        try {
            stubs = Assignment.write(project, Path.of(target), tasks);
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
