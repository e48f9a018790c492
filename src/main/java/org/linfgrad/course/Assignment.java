package org.linfgrad.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.linfgrad.gradcheck.RecordedOracles;

/**
 * Writes a student copy of the project: the sources, tests, tutorials and build, with the solution region of
 * every chosen task replaced by a {@code throw} of its TODO, and an ASSIGNMENT.md that says what to do; the oracle
 * gradient checks' values are recorded into it ({@link RecordedOracles}), since the derivations they come from
 * are left out of a copy that stubs the backward passes they check. The copy is assembled in a temporary directory beside the target and moved into place in one step.
 */
public final class Assignment {
    /** What a student needs of the project; build outputs, runs and version control stay behind. */
    private static final List<String> ENTRIES = List.of("pom.xml", "linfgrad", ".mvn", ".gitignore", "README.md",
            "src", "tests", "tutorials", "benchmarks");

    private Assignment() {}

    /** Where each stubbed task's region was, for the handout. */
    public record Stub(Task task, Path file, int line) {}

    /**
     * Writes the copy of {@code project} to {@code out}, stubbing {@code tasks}.
     *
     * @throws IllegalArgumentException when {@code project} is not a linfgrad source tree, {@code out} exists
     *                                  and is not empty, or a task has no region in the sources
     */
    public static List<Stub> write(Path project, Path out, List<Task> tasks) throws IOException {
        if (!Files.isRegularFile(project.resolve("pom.xml")) || !Files.isDirectory(project.resolve("src/main/java"))) {
            throw new IllegalArgumentException(project.toAbsolutePath() + " is not the linfgrad source tree (no "
                    + "pom.xml and src/main/java): run from the project's root or pass --project DIR");
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || !Directories.isEmpty(out))) {
            throw new IllegalArgumentException(out + " exists and is not an empty directory: choose a new --out");
        }
        Path absolute = out.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
        try {
            Map<String, Task> stubbed = new LinkedHashMap<>();
            tasks.forEach(t -> stubbed.put(t.id(), t));
            List<Stub> stubs = new ArrayList<>();
            for (String entry : ENTRIES) {
                if (Files.exists(project.resolve(entry))) {
                    copy(project, entry, staging, stubbed, stubs);
                }
            }
            for (Task task : tasks) {
                if (stubs.stream().noneMatch(s -> s.task().equals(task))) {
                    throw new IllegalArgumentException("task " + task.id() + " has no solution region in " + project);
                }
            }
            Path oracles = staging.resolve("src/main/resources").resolve(RecordedOracles.RESOURCE);
            Files.createDirectories(oracles.getParent());
            Files.writeString(oracles, RecordedOracles.record(), StandardCharsets.UTF_8);
            Files.writeString(staging.resolve("ASSIGNMENT.md"), handout(stubs), StandardCharsets.UTF_8);
            Files.deleteIfExists(absolute); // an empty directory, checked above
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            return stubs;
        } finally {
            Directories.delete(staging);
        }
    }

    private static void copy(Path project, String entry, Path staging, Map<String, Task> stubbed, List<Stub> stubs)
            throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(entry))) {
            for (Path source : files.sorted().toList()) {
                Path relative = project.relativize(source);
                Path target = staging.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (source.toString().endsWith(".java") || source.toString().endsWith(".md")) {
                    String text = Files.readString(source, StandardCharsets.UTF_8);
                    if (stubbed.containsKey(SolutionRegions.omittedWith(text))) {
                        continue; // another implementation of a stubbed task
                    }
                    for (SolutionRegions.Region r : SolutionRegions.find(text, relative.toString())) {
                        if (stubbed.containsKey(r.task()) && r.kind() == SolutionRegions.Kind.SOLUTION) {
                            stubs.add(new Stub(stubbed.get(r.task()), relative, r.beginLine()));
                        }
                    }
                    Files.writeString(target, SolutionRegions.forStudents(text, relative.toString(), stubbed),
                            StandardCharsets.UTF_8);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String handout(List<Stub> stubs) {
        StringBuilder md = new StringBuilder("# Assignment\n\nWrite the missing pieces of linfgrad. Each one sits "
                + "between `// BEGIN SOLUTION <task>` and\n`// END SOLUTION` and throws "
                + "`UnsupportedOperationException(\"TODO: ...\")` until you replace the throw\nwith your code; keep "
                + "the two marker lines, the grader finds your answer between them. Solve the modules\nin this order: "
                + "each one's checks need the modules before it.\n");
        for (Module module : Tasks.MODULES) {
            List<Stub> mine = stubs.stream().filter(s -> s.task().module().equals(module.name())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(module.title()).append(" (module `").append(module.name()).append("`)\n\n")
                    .append("- Read: ").append(module.read()).append("\n- Write: ").append(module.write())
                    .append("\n- Hints: ").append(module.hints()).append("\n- Graded by: ").append(module.graded())
                    .append("\n- Its tests alone: `mvn test -Dgroups=").append(module.name()).append("`\n\n");
            for (Stub s : mine) {
                md.append("  - **").append(s.task().id()).append("** (`").append(s.file()).append(":")
                        .append(s.line()).append("`): ").append(s.task().todo()).append(". Alone: `mvn test -Dgroups=")
                        .append(s.task().id()).append("`\n");
            }
        }
        return md.append("""

                ## How it is graded

                `./linfgrad grade .` (run from this directory) compiles the copy and runs each task's checks in a
                child JVM of its own, under a time limit, on every backend this machine has. Each task gets a score
                (the share of its checks that pass) and one line: pass, TODO, wrong gradient (with the worst
                element: input, index, analytic, numeric), NaN, exception, timeout, exit called or did not compile.
                For a failing gradient it prints the row `./linfgrad gradcheck` prints. These public checks are the
                whole grade.
                """).toString();
    }
}
