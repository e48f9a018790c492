package org.linfgrad.course;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.linfgrad.io.Json;

/**
 * The grade of a student copy: per task, how many of its gradient-check cases pass; the cases that fail outside
 * every task; or, when the copy does not compile, the compiler's errors (and every task scores 0).
 */
public record GradeReport(List<TaskScore> tasks, List<String> otherFailures, String compileErrors) {

    /** How one case of the copy's suite ended: passed, or not with the exception's message (null if none). */
    record Outcome(boolean passed, String error) {}

    /**
     * One task's score.
     *
     * @param unfinished whether a case failed with the task's own TODO, i.e. the stub is still there
     * @param failed     the names of its cases that did not pass (or were missing from the copy's suite)
     */
    public record TaskScore(Task task, int passed, boolean unfinished, List<String> failed) {
        public int cases() {
            return task.cases().size();
        }

        public double score() {
            return (double) passed / cases();
        }
    }

    static GradeReport notCompiled(List<Task> tasks, String errors) {
        List<TaskScore> scores = tasks.stream().map(t -> new TaskScore(t, 0, false, t.cases())).toList();
        return new GradeReport(scores, List.of(), errors);
    }

    static GradeReport score(List<Task> tasks, Map<String, Outcome> outcomes) {
        List<TaskScore> scores = new ArrayList<>();
        Set<String> graded = new HashSet<>();
        for (Task task : tasks) {
            List<String> failed = new ArrayList<>();
            boolean unfinished = false;
            for (String name : task.cases()) {
                Outcome o = outcomes.get(name);
                graded.add(name);
                if (o == null || !o.passed()) {
                    failed.add(name);
                }
                unfinished |= o != null && o.error() != null && o.error().contains("TODO: " + task.id() + ":");
            }
            scores.add(new TaskScore(task, task.cases().size() - failed.size(), unfinished, failed));
        }
        List<String> others = outcomes.entrySet().stream()
                .filter(e -> !graded.contains(e.getKey()) && !e.getValue().passed()).map(Map.Entry::getKey).sorted()
                .toList();
        return new GradeReport(scores, others, null);
    }

    /** The score table, one line per task, then the total. */
    public String table() {
        StringBuilder out = new StringBuilder();
        if (compileErrors != null) {
            out.append("the copy does not compile:\n").append(compileErrors.strip()).append("\n\n");
        }
        out.append(String.format("%-26s %6s %7s  %s%n", "task", "passed", "score", "state"));
        for (TaskScore s : tasks) {
            String state = s.passed() == s.cases() ? "done"
                    : s.unfinished() ? "TODO" : "failing: " + String.join(", ", s.failed());
            out.append(String.format(Locale.ROOT, "%-26s %3d/%-2d %6.0f %%  %s%n", s.task().id(), s.passed(), s.cases(),
                    100 * s.score(), state));
        }
        long done = tasks.stream().filter(s -> s.passed() == s.cases()).count();
        out.append(String.format("%ntasks done: %d of %d%n", done, tasks.size()));
        if (!otherFailures.isEmpty()) {
            out.append("failing outside every task: ").append(String.join(", ", otherFailures)).append('\n');
        }
        return out.toString();
    }

    /** How the JSON report shows one task. */
    private record TaskJson(String task, int cases, int passed, double score, boolean unfinished, List<String> failed) {}

    /** How the JSON report is laid out: {"compiled":...,"tasks":[...],"other_failures":[...]}. */
    private record ReportJson(boolean compiled, List<TaskJson> tasks, List<String> otherFailures) {}

    /** The same as JSON, one line. */
    public String json() {
        List<TaskJson> rows = tasks.stream().map(s -> new TaskJson(s.task().id(), s.cases(), s.passed(), s.score(),
                s.unfinished(), s.failed())).toList();
        return Json.write(new ReportJson(compileErrors == null, rows, otherFailures)) + "\n";
    }
}
