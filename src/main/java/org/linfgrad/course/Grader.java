package org.linfgrad.course;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.linfgrad.gradcheck.SuiteResults;

/**
 * Grades a student copy: compiles its main sources, runs its gradient-check suite in a separate JVM
 * ({@code linfgrad gradcheck --json} on the reference backend) and scores every task by the share of its cases
 * that pass. A case that fails outside every task is listed too: the student broke something else.
 */
public final class Grader {
    private static final long TIMEOUT_MINUTES = 10;

    private Grader() {}

    /**
     * Grades the copy at {@code student}.
     *
     * @throws IllegalArgumentException when {@code student} holds no linfgrad sources
     * @throws IOException              when the copy's checks cannot be run (no JDK, a crash, a timeout)
     */
    public static GradeReport grade(Path student) throws IOException, InterruptedException {
        Path sources = student.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            throw new IllegalArgumentException(student + " holds no src/main/java: pass the directory that "
                    + "`linfgrad assignment --out` wrote");
        }
        Path work = Files.createTempDirectory("linfgrad-grade");
        try {
            Path classes = work.resolve("classes");
            String compileErrors = compile(sources, classes);
            if (compileErrors != null) {
                return GradeReport.notCompiled(Tasks.ALL, compileErrors);
            }
            Path json = work.resolve("gradcheck.json");
            runSuite(classes, json);
            return GradeReport.score(Tasks.ALL, outcomes(json));
        } finally {
            Directories.delete(work);
        }
    }

    /** Compiles every source under {@code sources}; returns the compiler's errors, or null when it compiled. */
    private static String compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("grading compiles the copy, which needs a JDK (this is a JRE)");
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> options = List.of("--release", "25", "--add-modules", "jdk.incubator.vector", "-nowarn",
                "-Xlint:none", "-proc:none", "-d", classes.toString(), "-cp", dependencies());
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = javac.getTask(errors, fileManager, null, options, null,
                    fileManager.getJavaFileObjectsFromStrings(files)).call();
            return compiled ? null : errors.toString();
        }
    }

    private static void runSuite(Path classes, Path json) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = json.resolveSibling("gradcheck.log");
        Process process = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", classes + File.pathSeparator + dependencies(),
                "org.linfgrad.cli.Main", "gradcheck", "--backend", "reference", "--json", json.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("the copy's gradient checks ran longer than " + TIMEOUT_MINUTES
                    + " minutes");
        }
        if (!Files.exists(json)) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException("the copy's gradient checks did not finish (exit " + process.exitValue()
                    + "): " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
    }

    /** Case name to its outcome: passed, or not with the exception's message (null when its check just failed). */
    private static Map<String, GradeReport.Outcome> outcomes(Path json) throws IOException {
        Map<String, GradeReport.Outcome> outcomes = new HashMap<>();
        SuiteResults results;
        try {
            results = SuiteResults.fromJson(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("the copy's gradient checks wrote " + json.getFileName() + ", which is not "
                    + "their results (" + e.getMessage() + ")", e);
        }
        for (SuiteResults.Result r : results.cases()) {
            outcomes.put(r.name(), new GradeReport.Outcome(r.passed(), r.error()));
        }
        return outcomes;
    }

    /**
     * The libraries linfgrad runs with (Aparapi and what it needs): the class path without linfgrad itself,
     * plus the lib/ directory beside linfgrad's jar when it runs from one.
     */
    private static String dependencies() {
        Path self;
        try {
            self = Path.of(Grader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(self.toAbsolutePath())) {
                entries.add(entry);
            }
        }
        Path lib = self.resolveSibling("lib");
        if (Files.isRegularFile(self) && Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
