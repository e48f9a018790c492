package org.linfgrad.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scratch copy of a submission's main sources and the solution regions in them (the student copy keeps
 * the markers of every stubbed task, with the student's answer between them).
 */
final class StudentSources {
    private final Path root;
    private final Map<Path, List<SolutionRegions.Region>> regions = new LinkedHashMap<>();

    StudentSources(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<SolutionRegions.Region> found = SolutionRegions.find(Files.readString(f, StandardCharsets.UTF_8),
                        root.relativize(f).toString());
                if (!found.isEmpty()) {
                    regions.put(f, found);
                }
            }
        }
    }

    Path root() {
        return root;
    }

    /** The known tasks whose solution regions the copy holds, in teaching order. */
    List<Task> tasks() {
        List<String> ids = regions.values().stream().flatMap(List::stream).map(SolutionRegions.Region::task).toList();
        return Tasks.ALL.stream().filter(t -> ids.contains(t.id())).toList();
    }

    /** The task whose solution region in {@code file} encloses the 1-based line, or null. */
    Task taskAt(Path file, long line) {
        for (SolutionRegions.Region r : regions.getOrDefault(file.toAbsolutePath().normalize(), List.of())) {
            if (r.encloses(line)) {
                return tasks().stream().filter(t -> t.id().equals(r.task())).findFirst().orElse(null);
            }
        }
        return null;
    }

    /** Puts the stub back into the regions of these tasks, in place. */
    void restub(List<Task> tasks) throws IOException {
        Map<String, Task> stubbed = new LinkedHashMap<>();
        tasks.forEach(t -> stubbed.put(t.id(), t));
        for (Path f : new ArrayList<>(regions.keySet())) {
            if (regions.get(f).stream().anyMatch(r -> stubbed.containsKey(r.task()))) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String restubbed = SolutionRegions.forStudents(text, root.relativize(f).toString(), stubbed);
                Files.writeString(f, restubbed, StandardCharsets.UTF_8);
                regions.put(f, SolutionRegions.find(restubbed, f.toString()));
            }
        }
    }
}
