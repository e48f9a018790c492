package org.linfgrad.course;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.linfgrad.gradcheck.RecordedOracles;

/**
 * Grades a student copy: compiles it in a scratch copy, then runs each task's checks in a child JVM of its own
 * ({@link TaskRun}), in a working directory of its own, as an unprivileged user where it can ({@link Sandbox}),
 * under a time limit, two at a time. Every outcome becomes a score and one line: a NaN, an exception, an endless loop or a
 * {@code System.exit} costs that task only. A compile error inside a task's region costs that task only (its
 * region is put back to the stub and the copy compiled again); one outside every region costs them all.
 */
public final class Grader {
    /** The default time limit of one task's checks. */
    public static final Duration TASK_TIMEOUT = Duration.ofSeconds(120);
    /** The child JVMs that run at once: two, or one on a single core. */
    private static final int WORKERS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private Grader() {}

    /** Grades the copy at {@code student} with the default time limit per task. */
    public static GradeReport grade(Path student) throws IOException, InterruptedException {
        return grade(student, TASK_TIMEOUT);
    }

    /** Grades the copy at {@code student}: every task whose solution region it holds. */
    public static GradeReport grade(Path student, Duration timeout) throws IOException, InterruptedException {
        return grade(student, timeout, Tasks.ALL);
    }

    /**
     * Grades the copy at {@code student}: those of {@code only} whose solution regions it holds.
     *
     * @throws IllegalArgumentException when {@code student} holds no linfgrad sources or no such region
     * @throws IOException              when the scratch copy cannot be made or there is no JDK
     */
    public static GradeReport grade(Path student, Duration timeout, List<Task> only)
            throws IOException, InterruptedException {
        Path sources = student.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            throw new IllegalArgumentException(student + " holds no src/main/java: pass the directory that "
                    + "`linfgrad assignment --out` wrote");
        }
        Sandbox sandbox = Sandbox.detect();
        Path scratch = Files.createTempDirectory("linfgrad-grade");
        try {
            Sandbox.shareReadOnly(scratch);
            Path src = scratch.resolve("src");
            copyJava(sources, src);
            StudentSources copy = new StudentSources(src);
            List<Task> tasks = copy.tasks().stream().filter(only::contains).toList();
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException(student + " holds no solution region: grade a copy written by "
                        + "`linfgrad assignment`");
            }
            Path classes = scratch.resolve("classes");
            Compilation compiled = Compilation.of(copy, classes, dependencies());
            Map<Task, TaskResult> results = new LinkedHashMap<>();
            if (compiled.errors() != null) {
                tasks.forEach(t -> results.put(t, TaskResult.without(Verdict.NOT_COMPILED,
                        "did not compile: " + compiled.errors().lines().findFirst().orElse(""))));
                return new GradeReport(results, compiled.errors(), sandbox.warning());
            }
            // the grader's own recording of the oracle checks' values: the copy's could be edited to fit its answer
            Path oracles = classes.resolve(RecordedOracles.RESOURCE);
            Files.createDirectories(oracles.getParent());
            Files.writeString(oracles, RecordedOracles.record(), StandardCharsets.UTF_8);
            Path lib = scratch.resolve("lib");
            copyJars(lib);
            Path work = Files.createDirectory(scratch.resolve("tasks"));
            Sandbox.shareReadOnly(work);
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            try {
                Map<Task, Future<TaskResult>> running = new LinkedHashMap<>();
                for (Task task : tasks) {
                    running.put(task, workers.submit(() -> compiled.failed().containsKey(task)
                            ? TaskResult.without(Verdict.NOT_COMPILED, "did not compile: " + compiled.failed().get(task))
                            : runTask(sandbox, task, work, classes, lib, timeout)));
                }
                for (Map.Entry<Task, Future<TaskResult>> r : running.entrySet()) {
                    results.put(r.getKey(), r.getValue().get());
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                workers.shutdownNow();
            }
            return new GradeReport(results, null, sandbox.warning());
        } finally {
            Directories.delete(scratch);
        }
    }

    private static TaskResult runTask(Sandbox sandbox, Task task, Path work, Path classes, Path lib, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = sandbox.workingDirectory(work, task.id());
        Path result = dir.resolve("result.properties");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(List.of(java.toString(), "-XX:-UsePerfData",
                "-Xmx1g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + dir, "-Duser.home=" + dir, "-cp", classes + File.pathSeparator + lib + "/*",
                TaskRun.class.getName(), task.id(), result.toString())));
        builder.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(work.resolve(task.id() + ".log").toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("TMPDIR", dir.toString());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            return TaskResult.without(Verdict.TIMEOUT, "timeout: the checks ran past " + timeout.toSeconds() + " s");
        }
        if (!Files.isRegularFile(result)) {
            return TaskResult.without(Verdict.EXIT, "exit called: the checks ended with status " + process.exitValue()
                    + " before they reported" + lastLine(work.resolve(task.id() + ".log")));
        }
        try {
            return TaskResult.read(result);
        } catch (IOException e) {
            return TaskResult.without(Verdict.EXCEPTION, "exception: the checks left an unreadable result: "
                    + e.getMessage());
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .filter(l -> !l.startsWith("WARNING") && !l.startsWith("linfgrad: no OpenCL")).toList();
        return lines.isEmpty() ? "" : " (last output: " + lines.getLast().strip() + ")";
    }

    private static void copyJava(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    private static void copyJars(Path lib) throws IOException {
        Files.createDirectory(lib);
        Sandbox.shareReadOnly(lib);
        for (String jar : dependencies().split(File.pathSeparator)) {
            if (jar.endsWith(".jar")) {
                Path source = Path.of(jar);
                Path target = lib.resolve(source.getFileName());
                if (!Files.exists(target)) {
                    Files.copy(source, target);
                }
            }
        }
    }

    /**
     * The libraries linfgrad runs with (Aparapi and what it needs): the jars of the class path without linfgrad
     * itself, plus the lib/ directory beside linfgrad's jar when it runs from one.
     */
    static String dependencies() {
        Path self;
        try {
            self = Path.of(Grader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !Path.of(entry).toAbsolutePath().equals(self.toAbsolutePath())) {
                entries.add(entry);
            }
        }
        Path lib = self.resolveSibling("lib");
        if (Files.isRegularFile(self) && Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
