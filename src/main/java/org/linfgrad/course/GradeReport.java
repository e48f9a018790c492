package org.linfgrad.course;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.linfgrad.io.Json;

/**
 * The grade of a student copy: per task a {@link TaskResult} (a score and one line); the compiler's errors when
 * the copy did not compile at all; the sandbox's warning when student code ran with the grader's rights.
 */
public record GradeReport(Map<Task, TaskResult> results, String compileErrors, String warning) {

    /** The result of one task. */
    public TaskResult of(String taskId) {
        return results.get(Tasks.byId(taskId));
    }

    /** The mean score of the tasks, in percent. */
    public double total() {
        return results.values().stream().mapToInt(TaskResult::score).average().orElse(0);
    }

    /** The score table, one line per task, the total, then the table of every failing task's first failure. */
    public String table() {
        StringBuilder out = new StringBuilder();
        if (warning != null) {
            out.append(warning).append('\n');
        }
        if (compileErrors != null) {
            out.append("the copy does not compile:\n").append(compileErrors.strip()).append("\n\n");
        }
        out.append(String.format("%-26s %-14s %6s  %s%n", "task", "module", "score", "result"));
        results.forEach((task, r) -> out.append(String.format(Locale.ROOT, "%-26s %-14s %4d %%  %s%n", task.id(),
                task.module(), r.score(), r.line())));
        long done = results.values().stream().filter(r -> r.score() == 100).count();
        out.append(String.format(Locale.ROOT, "%ntotal: %.0f %% (%d of %d tasks done)%n", total(), done,
                results.size()));
        results.forEach((task, r) -> {
            if (!r.note().isEmpty()) {
                out.append(task.id()).append(": ").append(r.note()).append('\n');
            }
        });
        results.forEach((task, r) -> {
            if (!r.feedback().isEmpty()) {
                out.append('\n').append(task.id()).append(", the first failing case:\n").append(r.feedback());
            }
        });
        return out.toString();
    }

    /** One task's line of {@link #json}. */
    private record TaskJson(String task, String module, int score, int checks, int passed, String verdict,
                            String line, String note) {}

    /** The whole report of {@link #json}. */
    private record ReportJson(boolean compiled, double total, List<TaskJson> tasks) {}

    /** The same as JSON. */
    public String json() {
        List<TaskJson> rows = results.entrySet().stream().map(e -> new TaskJson(e.getKey().id(), e.getKey().module(),
                e.getValue().score(), e.getValue().checks(), e.getValue().passed(), e.getValue().verdict().label(),
                e.getValue().line(), e.getValue().note())).toList();
        return Json.write(new ReportJson(compileErrors == null, total(), rows)) + "\n";
    }

    /** The CSV header of {@link #csvRow}: the submission, each task's score, the total. */
    public static String csvHeader(List<Task> tasks) {
        return "submission," + String.join(",", Tasks.ids(tasks)) + ",total";
    }

    /** One CSV row: the submission's name, the score of each of {@code tasks} (empty where not graded), the total. */
    public String csvRow(String submission, List<Task> tasks) {
        StringBuilder row = new StringBuilder(csvField(submission));
        for (Task t : tasks) {
            row.append(',').append(results.containsKey(t) ? Integer.toString(results.get(t).score()) : "");
        }
        return row.append(String.format(Locale.ROOT, ",%.1f", total())).toString();
    }

    private static String csvField(String s) {
        return s.matches("[A-Za-z0-9._-]*") ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
