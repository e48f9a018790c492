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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linfgrad assignment --out DIR [--module NAME,NAME | --tasks ID,ID]}: writes a student copy with the
 * chosen tasks stubbed out; {@code --list} shows the modules and their tasks.
 */
@Command(name = "assignment", sortOptions = false,
        description = "Write a student copy of the project with the chosen course tasks stubbed out; --list shows "
                + "the modules and their tasks.")
final class AssignmentCommand implements Subcommand {
    @Option(names = "--list", description = "list the modules and their tasks, and write nothing")
    boolean list;
    @Option(names = "--out", paramLabel = "DIR", description = "a new or empty directory (required unless --list)")
    Path target;
    @ArgGroup(exclusive = true)
    Choice choice;
    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "the linfgrad project to copy (default: ${DEFAULT-VALUE})")
    Path project;

    /** Which tasks to stub: whole modules or single tasks (default: all). */
    static final class Choice {
        @Option(names = "--module", paramLabel = "NAME,NAME", description = "the modules whose tasks to stub out")
        String modules;
        @Option(names = "--tasks", paramLabel = "all|ID,ID",
                description = "the tasks to stub out: all, or task ids separated by commas (default: all)")
        String tasks;
    }

    @Override
    public int run(PrintStream out) {
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
        List<Task> chosen = choice != null && choice.modules != null ? Tasks.ofModules(choice.modules)
                : Tasks.parse(choice != null && choice.tasks != null ? choice.tasks : "all");
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
