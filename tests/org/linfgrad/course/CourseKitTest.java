package org.linfgrad.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.gradcheck.GradCheckCase;
import org.linfgrad.gradcheck.GradCheckSuite;

/** Solution regions, the student copy and its grading, on this project's own sources. */
class CourseKitTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath(); // Maven runs the tests in the project root
    private static final Task TASK = new Task("demo", "compute it", List.of());

    @Test
    void aStubbedRegionBecomesAThrowAtItsIndentationAndOtherRegionsLoseOnlyTheirMarkers() {
        String source = String.join("\n", "int f() {", "    // BEGIN SOLUTION demo", "    int x = 1;", "    return x;",
                "    // END SOLUTION", "}", "int g() {", "  // BEGIN SOLUTION other", "  return 2;", "  // END SOLUTION",
                "}");
        assertThat(SolutionRegions.find(source, "F.java")).containsExactly(
                new SolutionRegions.Region("demo", 2, 5), new SolutionRegions.Region("other", 8, 10));
        assertThat(SolutionRegions.forStudents(source, "F.java", Map.of("demo", TASK))).isEqualTo(String.join("\n",
                "int f() {", "    throw new UnsupportedOperationException(\"TODO: demo: compute it\");", "}",
                "int g() {", "  return 2;", "}"));
    }

    @Test
    void brokenMarkersAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> SolutionRegions.find("a\n// BEGIN SOLUTION x\nb", "A.java"))
                .hasMessage("A.java:2: the region of 'x' is never ended");
        assertThatThrownBy(() -> SolutionRegions.find("// END SOLUTION", "B.java"))
                .hasMessage("B.java:1: '// END SOLUTION' without a BEGIN");
        assertThatThrownBy(() -> SolutionRegions.find("// BEGIN SOLUTION x\n// BEGIN SOLUTION y", "C.java"))
                .hasMessageStartingWith("C.java:2: a solution region begins inside the region of 'x'");
    }

    @Test
    void everyTaskHasExactlyOneRegionAndNamesCasesOfTheSuite() throws IOException {
        List<String> regionTasks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PROJECT.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                SolutionRegions.find(Files.readString(file), file.toString()).forEach(r -> regionTasks.add(r.task()));
            }
        }
        assertThat(regionTasks).containsExactlyInAnyOrderElementsOf(Tasks.ids(Tasks.ALL));
        List<String> caseNames = GradCheckSuite.cases().stream().map(GradCheckCase::name).toList();
        for (Task task : Tasks.ALL) {
            assertThat(caseNames).as("cases of " + task.id()).containsAll(task.cases());
        }
    }

    /**
     * The whole kit: a copy with every task stubbed compiles and fails exactly the tasks' cases, each with its
     * own TODO; after one task is solved (its original file put back) that task, and only it, scores in full.
     */
    @Test
    void gradingFindsEveryStubAndThenTheOneSolvedTask(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("student");
        List<Assignment.Stub> stubs = Assignment.write(PROJECT, copy, Tasks.ALL);
        assertThat(stubs).extracting(s -> s.task().id()).containsExactlyInAnyOrderElementsOf(Tasks.ids(Tasks.ALL));
        Path matmul = Path.of("src/main/java/org/linfgrad/autograd/functions/MatMul.java");
        assertThat(Files.readString(copy.resolve(matmul))).contains("TODO: matmul-backward:").doesNotContain("gradA");
        assertThat(copy.resolve("ASSIGNMENT.md")).content().contains("mvn test -Dgroups=matmul-backward");
        assertThat(copy.resolve("target")).doesNotExist();

        GradeReport stubbed = Grader.grade(copy);
        assertThat(stubbed.compileErrors()).isNull();
        assertThat(stubbed.otherFailures()).isEmpty();
        for (GradeReport.TaskScore s : stubbed.tasks()) {
            assertThat(s.passed()).as(s.task().id()).isZero();
            assertThat(s.unfinished()).as(s.task().id()).isTrue();
        }

        Files.copy(PROJECT.resolve(matmul), copy.resolve(matmul), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        GradeReport oneSolved = Grader.grade(copy);
        for (GradeReport.TaskScore s : oneSolved.tasks()) {
            assertThat(s.score()).as(s.task().id()).isEqualTo(s.task().id().equals("matmul-backward") ? 1.0 : 0.0);
        }
        assertThat(oneSolved.table()).contains("tasks done: 1 of " + Tasks.ALL.size());
        assertThat(oneSolved.json())
                .contains("{\"task\":\"matmul-backward\",\"cases\":5,\"passed\":5,\"score\":1.0,");
    }

    @Test
    void aCopyThatDoesNotCompileScoresZeroWithTheCompilerErrors(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("student");
        Assignment.write(PROJECT, copy, List.of(Tasks.byId("lp-backward")));
        Path lp = copy.resolve("src/main/java/org/linfgrad/autograd/functions/LpDistance.java");
        Files.writeString(lp, Files.readString(lp).replace("throw new UnsupportedOperationException(", "return ("),
                StandardCharsets.UTF_8);
        GradeReport report = Grader.grade(copy);
        assertThat(report.compileErrors()).contains("LpDistance.java");
        assertThat(report.tasks()).allSatisfy(s -> assertThat(s.passed()).isZero());
        assertThat(report.table()).startsWith("the copy does not compile:");
    }

    @Test
    void theCopyGoesOnlyIntoANewOrEmptyDirectory(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> Assignment.write(PROJECT, tmp, Tasks.ALL))
                .hasMessageContaining("exists and is not an empty directory");
        assertThat(tmp.resolve("notes.txt")).content().isEqualTo("mine");
        assertThatThrownBy(() -> Assignment.write(tmp, tmp.resolve("out"), Tasks.ALL))
                .hasMessageContaining("is not the linfgrad source tree");
        assertThatThrownBy(() -> Tasks.parse("matmul-backward,nope")).hasMessageStartingWith("unknown task 'nope'");
    }
}
