package org.linfgrad.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linfgrad.course.StudentCopies.PROJECT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.gradcheck.RecordedOracles;

/** Course markers, modules and the student copy, on this project's own sources (nothing is graded here). */
class CourseKitTest {
    private static final Task TASK = new Task("demo", "none", "compute it", List::of);

    @Test
    void aStubbedRegionKeepsItsMarkersAroundAThrowAndOtherRegionsLoseOnlyTheirMarkers() {
        String source = String.join("\n", "int f() {", "    // BEGIN SOLUTION demo", "    int x = 1;", "    return x;",
                "    // END SOLUTION", "}", "int g() {", "  // BEGIN SOLUTION other", "  return 2;", "  // END SOLUTION",
                "}");
        assertThat(SolutionRegions.find(source, "F.java")).containsExactly(
                new SolutionRegions.Region("demo", SolutionRegions.Kind.SOLUTION, 2, 5),
                new SolutionRegions.Region("other", SolutionRegions.Kind.SOLUTION, 8, 10));
        assertThat(SolutionRegions.forStudents(source, "F.java", Map.of("demo", TASK))).isEqualTo(String.join("\n",
                "int f() {", "    // BEGIN SOLUTION demo",
                "    throw new UnsupportedOperationException(\"TODO: demo: compute it\");", "    // END SOLUTION", "}",
                "int g() {", "  return 2;", "}"));
    }

    @Test
    void anOmitRegionOfAStubbedTaskLeavesTheCopyAndOtherwiseOnlyItsMarkersDo() {
        String source = String.join("\n", "// OMIT FILE other", "class A {", "  // BEGIN OMIT demo", "  int fast() {}",
                "  // END OMIT", "  // BEGIN OMIT other", "  int kept() {}", "  // END OMIT", "}");
        assertThat(SolutionRegions.forStudents(source, "A.java", Map.of("demo", TASK)))
                .isEqualTo(String.join("\n", "class A {", "  int kept() {}", "}"));
        assertThat(SolutionRegions.omittedWith(source)).isEqualTo("other");
        assertThat(SolutionRegions.omittedWith("class B {}")).isNull();
    }

    @Test
    void brokenMarkersAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> SolutionRegions.find("a\n// BEGIN SOLUTION x\nb", "A.java"))
                .hasMessage("A.java:2: the region of 'x' is never ended");
        assertThatThrownBy(() -> SolutionRegions.find("// END SOLUTION", "B.java"))
                .hasMessage("B.java:1: '// END SOLUTION' without its BEGIN");
        assertThatThrownBy(() -> SolutionRegions.find("// BEGIN SOLUTION x\n// BEGIN OMIT y", "C.java"))
                .hasMessageStartingWith("C.java:2: a course region begins inside the region of 'x'");
        assertThatThrownBy(() -> SolutionRegions.find("// BEGIN OMIT x\n// END SOLUTION", "D.java"))
                .hasMessage("D.java:2: '// END SOLUTION' without its BEGIN");
    }

    @Test
    void everyTaskHasOneSolutionRegionAModuleAndChecksAndEveryModuleHasTasks() throws IOException {
        List<String> regionTasks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(PROJECT.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                SolutionRegions.find(Files.readString(file), file.toString()).stream()
                        .filter(r -> r.kind() == SolutionRegions.Kind.SOLUTION).forEach(r -> regionTasks.add(r.task()));
            }
        }
        assertThat(regionTasks).containsExactlyInAnyOrderElementsOf(Tasks.ids(Tasks.ALL));
        for (Task task : Tasks.ALL) {
            assertThat(Tasks.module(task.module())).isNotNull();
            assertThat(task.checks().get()).as(task.id()).isNotEmpty();
        }
        assertThat(Tasks.MODULES).allSatisfy(m -> assertThat(Tasks.of(m)).as(m.name()).isNotEmpty());
        assertThat(Tasks.ids(Tasks.ofModules("certification,pruning")))
                .containsExactly("interval-distance", "interval-order-statistic", "edge-usage");
        assertThatThrownBy(() -> Tasks.ofModules("tape,nope")).hasMessageStartingWith("unknown module 'nope'");
        assertThatThrownBy(() -> GradientCheck.named("no such case"))
                .hasMessage("no gradient-check case is named 'no such case'");
    }

    /**
     * The copy with every task stubbed holds no other implementation of what a task asks for: no omitted file or
     * region, no line of any answer anywhere in its sources, tests, benchmarks or tutorials; and the handout
     * has a section per module.
     */
    @Test
    void theStubbedCopyHoldsNoOtherImplementationOfAnyTask(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("student");
        Assignment.write(PROJECT, copy, Tasks.ALL);
        List<String> omittedFiles = new ArrayList<>();
        Set<String> common = new HashSet<>(); // lines of the project outside every course region and omitted file
        try (Stream<Path> files = Files.walk(PROJECT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(PROJECT.resolve("target")))
                    .toList()) {
                String text = Files.readString(f);
                if (SolutionRegions.omittedWith(text) != null) {
                    omittedFiles.add(PROJECT.relativize(f).toString());
                } else {
                    Map<String, Task> everything = new HashMap<>();
                    Tasks.ALL.forEach(t -> everything.put(t.id(), t));
                    SolutionRegions.forStudents(text, f.toString(), everything).lines().map(String::strip)
                            .forEach(common::add);
                }
            }
        }
        List<String> answerLines = new ArrayList<>(); // the lines only an answer has
        for (Task task : Tasks.ALL) {
            StudentCopies.original(task.id()).stream().map(String::strip).filter(l -> l.length() >= 24)
                    .filter(l -> !common.contains(l)).forEach(answerLines::add);
        }
        assertThat(answerLines).hasSizeGreaterThan(Tasks.ALL.size());
        assertThat(omittedFiles).hasSizeGreaterThanOrEqualTo(6);
        omittedFiles.forEach(f -> assertThat(copy.resolve(f)).doesNotExist());
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (f.toString().endsWith(".java")) {
                    assertThat(SolutionRegions.find(text, f.toString())).as(f.toString())
                            .allSatisfy(r -> assertThat(r.kind()).isEqualTo(SolutionRegions.Kind.SOLUTION));
                    assertThat(SolutionRegions.omittedWith(text)).as(f.toString()).isNull();
                }
                for (String line : answerLines) {
                    assertThat(text).as(copy.relativize(f) + " holds a line of an answer").doesNotContain(line);
                }
            }
        }
        String handout = Files.readString(copy.resolve("ASSIGNMENT.md"));
        for (Module m : Tasks.MODULES) {
            assertThat(handout).contains("(module `" + m.name() + "`)", "mvn test -Dgroups=" + m.name());
        }
        assertThat(copy.resolve("target")).doesNotExist();
        assertThat(copy.resolve("src/main/resources").resolve(RecordedOracles.RESOURCE)).isRegularFile();
        String readme = Files.readString(PROJECT.resolve("README.md"));
        List<SolutionRegions.Region> passages = SolutionRegions.find(readme, "README.md");
        assertThat(passages).isNotEmpty();
        String[] lines = readme.split("\n", -1);
        String copied = Files.readString(copy.resolve("README.md"));
        for (SolutionRegions.Region passage : passages) {
            for (int l = passage.beginLine() + 1; l < passage.endLine(); l++) {
                assertThat(copied).as("README.md line " + l).doesNotContain(lines[l - 1]);
            }
        }
    }

    @Test
    void aModuleCopyStubsOnlyItsTasks(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("student");
        List<Assignment.Stub> stubs = Assignment.write(PROJECT, copy, Tasks.ofModules("neurons"));
        assertThat(stubs).extracting(s -> s.task().id()).containsExactlyInAnyOrder("matmul-backward",
                "log-softmax-backward", "linf-backward", "lp-backward", "order-statistic-backward",
                "soft-order-backward");
        assertThat(copy.resolve("src/main/java/org/linfgrad/backend/simd/LpBackward.java")).doesNotExist();
        assertThat(copy.resolve("src/main/java/org/linfgrad/backend/simd/SparseForward.java")).exists();
        assertThat(Files.readString(copy.resolve("ASSIGNMENT.md"))).contains("(module `neurons`)")
                .doesNotContain("(module `tape`)");
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
