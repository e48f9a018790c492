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

/**
 * Writes a student copy of the project: the sources, tests, tutorials and build, with the solution region of
 * every chosen task replaced by a {@code throw} of its TODO, and an ASSIGNMENT.md that says what to do. The
 * copy is assembled in a temporary directory beside the target and moved into place in one step.
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
                } else if (source.toString().endsWith(".java") && relative.startsWith("src")) {
                    String text = Files.readString(source, StandardCharsets.UTF_8);
                    for (SolutionRegions.Region r : SolutionRegions.find(text, relative.toString())) {
                        if (stubbed.containsKey(r.task())) {
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
        StringBuilder md = new StringBuilder("# Assignment\n\nWrite the missing pieces of linfgrad. Each one throws\n"
                + "`UnsupportedOperationException(\"TODO: ...\")` until you replace the throw with your code.\n\n");
        for (Stub s : stubs) {
            md.append("- **").append(s.task().id()).append("** (`").append(s.file()).append(":").append(s.line())
                    .append("`): ").append(s.task().todo()).append(".\n  Its tests alone: `mvn test -Dgroups=")
                    .append(s.task().id()).append("`\n");
        }
        return md.append("\nThe gradient checks of every operation: `./linfgrad gradcheck`. Your score per task:\n"
                + "`./linfgrad grade .` (run from this directory; it compiles the copy and runs the checks).\n")
                .toString();
    }
}
