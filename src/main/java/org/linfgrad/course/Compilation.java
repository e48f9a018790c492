package org.linfgrad.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The compiled submission. An error inside a task's solution region fails that task only: the region is put
 * back to its stub and the sources compiled again; an error anywhere else fails the whole copy.
 *
 * @param errors the compiler's errors when the copy does not compile at all, else null
 * @param failed the tasks whose regions did not compile, each with its first error in one line
 */
record Compilation(String errors, Map<Task, String> failed) {

    static Compilation of(StudentSources sources, Path classes, String classPath) throws IOException {
        Map<Task, String> failed = new LinkedHashMap<>();
        List<Diagnostic<? extends JavaFileObject>> errors = compile(sources.root(), classes, classPath);
        if (!errors.isEmpty()) {
            for (Diagnostic<? extends JavaFileObject> d : errors) {
                Task task = d.getSource() == null ? null : sources.taskAt(Path.of(d.getSource().toUri()),
                        d.getLineNumber());
                if (task == null) {
                    return new Compilation(describe(errors, sources.root()), Map.of());
                }
                failed.putIfAbsent(task, describe(List.of(d), sources.root()).lines().findFirst().orElse(""));
            }
            sources.restub(List.copyOf(failed.keySet()));
            List<Diagnostic<? extends JavaFileObject>> again = compile(sources.root(), classes, classPath);
            if (!again.isEmpty()) {
                return new Compilation(describe(again, sources.root()), Map.of());
            }
        }
        return new Compilation(null, failed);
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(Path sources, Path classes, String classPath)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("grading compiles the copy, which needs a JDK (this is a JRE)");
        }
        Directories.delete(classes);
        Files.createDirectories(classes);
        Sandbox.shareReadOnly(classes);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> options = List.of("--release", "25", "--add-modules", "jdk.incubator.vector", "-nowarn",
                "-Xlint:none", "-proc:none", "-d", classes.toString(), "-cp", classPath);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromStrings(files)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    /** Errors as the student reads them: the file relative to src/main/java, the line and the message. */
    private static String describe(List<Diagnostic<? extends JavaFileObject>> errors, Path root) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : errors) {
            String file = d.getSource() == null ? "?" : root.relativize(Path.of(d.getSource().toUri())).toString();
            out.append(file).append(':').append(d.getLineNumber()).append(": ")
                    .append(d.getMessage(Locale.ROOT).lines().findFirst().orElse("")).append('\n');
        }
        return out.toString();
    }
}
