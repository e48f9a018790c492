package org.linfgrad.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the course tests do to a student copy: answer a task between its markers, as a student would. */
final class StudentCopies {
    static final Path PROJECT = Path.of("").toAbsolutePath(); // Maven runs the tests in the project root
    private static final Path MAIN = Path.of("src/main/java");

    private StudentCopies() {}

    /** Writes the answer of the project itself into the task's region of the copy. */
    static void solve(Path copy, String taskId) throws IOException {
        answer(copy, taskId, original(taskId));
    }

    /** The body of the task's solution region in the project, one string per line. */
    static List<String> original(String taskId) throws IOException {
        Path file = fileWith(PROJECT, taskId);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        SolutionRegions.Region r = region(file, taskId);
        return new ArrayList<>(lines.subList(r.beginLine(), r.endLine() - 1));
    }

    /** Replaces whatever is between the task's markers in the copy by {@code body}. */
    static void answer(Path copy, String taskId, List<String> body) throws IOException {
        Path file = fileWith(copy, taskId);
        SolutionRegions.Region r = region(file, taskId);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>(lines.subList(0, r.beginLine()));
        out.addAll(body);
        out.addAll(lines.subList(r.endLine() - 1, lines.size()));
        Files.write(file, out, StandardCharsets.UTF_8);
    }

    /** Every file under a directory with its content, for comparing a tree before and after. */
    static TreeMap<String, String> snapshot(Path dir) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(f).toString(), Integer.toString(Arrays.hashCode(Files.readAllBytes(f))));
            }
        }
        return files;
    }

    private static Path fileWith(Path root, String taskId) throws IOException {
        try (Stream<Path> walk = Files.walk(root.resolve(MAIN))) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).contains(SolutionRegions.BEGIN + taskId + "\n")) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("no solution region of " + taskId + " under " + root);
    }

    private static SolutionRegions.Region region(Path file, String taskId) throws IOException {
        return SolutionRegions.find(Files.readString(file), file.toString()).stream()
                .filter(r -> r.task().equals(taskId) && r.kind() == SolutionRegions.Kind.SOLUTION).findFirst()
                .orElseThrow();
    }
}
