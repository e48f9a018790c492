package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.linfgrad.course.Assignment;
import org.linfgrad.course.Module;
import org.linfgrad.course.Task;
import org.linfgrad.course.Tasks;

/**
 * {@code linfgrad assignment --out DIR [--module NAME,NAME | --tasks ID,ID]}: writes a student copy with the
 * chosen tasks stubbed out; {@code --list} shows the modules and their tasks.
 */
final class AssignmentCommand implements Command {

    @Override
    public String summary() {
        return "write a student copy with tasks stubbed out: --out DIR [--module NAME,NAME | --tasks all|ID,ID] "
                + "[--project .]; --list shows modules and tasks";
    }

    @Override
    public int run(Args args, PrintStream out) {
        boolean list = args.isSet("list");
        String target = args.string("out", null);
        String modules = args.string("module", null);
        String ids = args.string("tasks", null);
        Path project = Path.of(args.string("project", "."));
        args.requireAllUsed();
        if (list) {
            for (Module m : Tasks.MODULES) {
                out.printf("%-14s %s%n", m.name(), m.title());
                Tasks.of(m).forEach(t -> out.printf("  %-26s %s%n", t.id(), t.todo()));
            }
            return 0;
        }
        if (target == null) {
            throw new UsageException("--out DIR is required (a new or empty directory); --list shows the modules "
                    + "and tasks");
        }
        if (modules != null && ids != null) {
            throw new UsageException("give --module or --tasks, not both");
        }
        List<Task> tasks = modules != null ? Tasks.ofModules(modules) : Tasks.parse(ids == null ? "all" : ids);
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
