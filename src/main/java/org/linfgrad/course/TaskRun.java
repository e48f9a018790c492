package org.linfgrad.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;

/**
 * Runs one task's checks, on every backend this machine has (reference, simd, and opencl when there is a
 * device), and writes the {@link TaskResult}: the grader's child process,
 * {@code java ... org.linfgrad.course.TaskRun TASK RESULT-FILE}. A check that throws fails with the exception
 * (as an unfinished TODO when it is the task's own stub). No result file means the process ended early.
 */
public final class TaskRun {
    /** The message of a stub (see {@link Task#stubMessage}), naming its task. */
    private static final Pattern TODO = Pattern.compile("^TODO: ([a-z-]+):");
    private TaskRun() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TaskRun TASK RESULT-FILE");
            System.exit(2);
        }
        TaskResult result = run(Tasks.byId(args[0]));
        result.write(Path.of(args[1]));
        System.exit(0); // the checks may leave kernel threads behind
    }

    /** Runs every check of the task, on every backend where it is per backend; the first failure is reported. */
    public static TaskResult run(Task task) {
        List<CourseCheck> checks = task.checks().get();
        int total = 0, passed = 0;
        CheckResult first = null;
        List<String> notes = new ArrayList<>();
        Backend before = Backends.current();
        Map<String, Backend> every = everyBackend();
        try {
            for (CourseCheck check : checks) {
                Map<String, Backend> backends = check.perBackend() ? every : Map.of("", before);
                for (Map.Entry<String, Backend> backend : backends.entrySet()) {
                    Backends.use(backend.getValue());
                    CheckResult r = attempt(task, check, backend.getKey());
                    total++;
                    passed += r.passed() ? 1 : 0;
                    first = first == null && !r.passed() ? r : first;
                    if (!r.note().isEmpty()) {
                        notes.add(r.note());
                    }
                }
            }
        } finally {
            Backends.use(before);
        }
        return first == null ? new TaskResult(total, passed, Verdict.PASS, "pass", "", String.join("; ", notes))
                : new TaskResult(total, passed, first.verdict(), first.line(), first.feedback(), String.join("; ", notes));
    }

    /** Every backend of this machine by name: reference, simd, and opencl when there is a device. */
    private static Map<String, Backend> everyBackend() {
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (String name : List.of("reference", "simd", "opencl")) {
            Backend b = Backends.byName(name);
            backends.putIfAbsent(b.name(), b); // opencl without a device is simd again
        }
        return backends;
    }

    private static CheckResult attempt(Task task, CourseCheck check, String backend) {
        String where = backend.isEmpty() ? "" : " [" + backend + "]";
        try {
            CheckResult r = check.run();
            return r.passed() || where.isEmpty() ? r
                    : new CheckResult(r.verdict(), r.line() + where, r.feedback(), r.note());
        } catch (Throwable e) { // the student's code may throw anything, a StackOverflowError included
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            Matcher todo = TODO.matcher(String.valueOf(e.getMessage()));
            if (todo.find()) {
                return CheckResult.fail(Verdict.TODO, todo.group(1).equals(task.id()) ? "TODO: still the stub"
                        : "TODO: needs " + todo.group(1) + " first (" + check.name() + where + ")");
            }
            StackTraceElement[] trace = e.getStackTrace();
            String at = trace.length > 0 ? " at " + trace[0] : "";
            return CheckResult.fail(Verdict.EXCEPTION, "exception: " + check.name() + where + ": " + message + at);
        }
    }
}
