package org.linfgrad.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linfgrad.course.StudentCopies.PROJECT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader on real student copies: compiled, each task's checks in a child JVM of its own. Slow (each grade
 * compiles the copy and starts a JVM per task), so tagged, but part of {@code mvn test}.
 */
@Tag("slow")
class CourseGradingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    /**
     * A copy with every task stubbed scores 0 on every task (its own TODO, or the TODO of a module before it).
     * Then the modules are solved one after another; after each, the grade of that module and the next moves
     * exactly that module's tasks from 0 to 100, on every backend the machine has (so no backend holds another
     * implementation of a stubbed computation), and the next module's stay 0; the last grade, of everything,
     * has every task at 100. (The solved modules are graded again only at the end, to keep the test short.)
     */
    @Test
    void solvingEachModuleInTurnMovesExactlyItsTasksFromZeroToAHundred(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("student");
        Assignment.write(PROJECT, copy, Tasks.ALL);
        GradeReport stubbed = Grader.grade(copy, TIMEOUT);
        assertThat(stubbed.results().keySet()).containsExactlyElementsOf(Tasks.ALL);
        stubbed.results().forEach((task, r) -> {
            assertThat(r.score()).as(task.id() + ": " + r.line()).isZero();
            assertThat(r.verdict()).as(task.id() + ": " + r.line()).isEqualTo(Verdict.TODO);
        });
        assertThat(stubbed.of("sum-to").line()).startsWith("TODO: needs tape-backward first");
        List<String> solved = new ArrayList<>();
        for (int k = 0; k < Tasks.MODULES.size(); k++) {
            Module module = Tasks.MODULES.get(k);
            for (Task task : Tasks.of(module)) {
                StudentCopies.solve(copy, task.id());
                solved.add(task.id());
            }
            boolean last = k == Tasks.MODULES.size() - 1;
            List<Task> graded = new ArrayList<>(Tasks.of(module));
            if (!last) {
                graded.addAll(Tasks.of(Tasks.MODULES.get(k + 1)));
            }
            GradeReport report = Grader.grade(copy, TIMEOUT, last ? Tasks.ALL : graded);
            assertThat(report.results().keySet()).containsExactlyElementsOf(last ? Tasks.ALL : graded);
            report.results().forEach((task, r) -> assertThat(r.score())
                    .as("after module " + module.name() + ", " + task.id() + ": " + r.line() + "\n" + r.feedback())
                    .isEqualTo(solved.contains(task.id()) ? 100 : 0));
            if (module.name().equals("simd")) {
                assertThat(report.of("simd-linf-forward").note()).matches("speed: simd [0-9.]+x the reference .*");
            }
        }
    }

    /**
     * Hostile answers, each in a task of its own, with every other task solved: a NaN gradient, an endless loop,
     * System.exit, deleting a file outside the copy, a compile error. Each costs its task only, with its line,
     * and nothing outside the scratch copy changes (the victim file, the submission itself).
     */
    @Test
    void hostileAnswersCostTheirOwnTaskOnly(@TempDir Path tmp) throws Exception {
        Path victim = Files.writeString(tmp.resolve("instructor-notes.txt"), "keep me");
        Path copy = tmp.resolve("student");
        Assignment.write(PROJECT, copy, Tasks.ALL);
        for (Task task : Tasks.ALL) {
            StudentCopies.solve(copy, task.id());
        }
        List<String> matmul = StudentCopies.original("matmul-backward");
        matmul.set(matmul.size() - 1, "        return new Tensor[] {be.scale(gradA, Float.NaN), gradB};");
        StudentCopies.answer(copy, "matmul-backward", matmul);
        StudentCopies.answer(copy, "log-softmax-backward", List.of("        while (true) {", "        }"));
        StudentCopies.answer(copy, "lp-backward", List.of("        System.exit(0);",
                "        throw new AssertionError();"));
        List<String> deletion = new ArrayList<>(List.of("        try {",
                "            java.nio.file.Files.delete(java.nio.file.Path.of(\"" + victim + "\"));",
                "        } catch (java.io.IOException e) {",
                "            throw new java.io.UncheckedIOException(e);", "        }"));
        deletion.addAll(StudentCopies.original("soft-order-backward"));
        StudentCopies.answer(copy, "soft-order-backward", deletion);
        StudentCopies.answer(copy, "edge-usage", List.of("        int broken = \"not a number\";"));
        TreeMap<String, String> before = StudentCopies.snapshot(copy);

        GradeReport report = Grader.grade(copy, Duration.ofSeconds(15));
        Map<String, String> hostile = Map.of("matmul-backward", "NaN gradient: matmul",
                "log-softmax-backward", "timeout: the checks ran past 15 s",
                "lp-backward", "exit called: the checks ended with status 0",
                "soft-order-backward", "exception: soft-order layer laplace [reference]: UncheckedIOException",
                "edge-usage", "did not compile: org/linfgrad/prune/EdgeUsage.java:");
        report.results().forEach((task, r) -> {
            if (hostile.containsKey(task.id())) {
                assertThat(r.score()).as(task.id()).isZero();
                assertThat(r.line()).as(task.id()).startsWith(hostile.get(task.id()));
            } else {
                assertThat(r.score()).as(task.id() + ": " + r.line()).isEqualTo(100);
            }
        });
        assertThat(report.of("matmul-backward").feedback()).contains("analytic", "numeric", "FAIL at input 0");
        assertThat(report.table()).contains("edge-usage", "did not compile");
        if (Sandbox.detect().dropsPrivileges()) {
            assertThat(victim).content().isEqualTo("keep me");
            assertThat(report.of("soft-order-backward").line()).contains("AccessDenied");
        }
        assertThat(StudentCopies.snapshot(copy)).isEqualTo(before);
    }

    @Test
    void aCompileErrorOutsideEveryRegionCostsEveryTask(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("student");
        Assignment.write(PROJECT, copy, Tasks.ofModules("pruning"));
        Path tensor = copy.resolve("src/main/java/org/linfgrad/tensor/Tensor.java");
        Files.writeString(tensor, Files.readString(tensor) + "\nthis is not java\n");
        GradeReport report = Grader.grade(copy, TIMEOUT);
        assertThat(report.compileErrors()).contains("org/linfgrad/tensor/Tensor.java");
        assertThat(report.results()).allSatisfy((task, r) -> {
            assertThat(r.score()).isZero();
            assertThat(r.verdict()).isEqualTo(Verdict.NOT_COMPILED);
        });
        assertThat(report.table()).contains("the copy does not compile:");
    }
}
