package org.linfgrad.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's ceilings for {@code linfgrad bench}, measured in the same run by the benchmark-only tools in
 * {@code benchmarks/ceiling}: the C L-inf kernel (built with {@code gcc -O3 -march=native -fopenmp} into
 * {@code target/ceiling} when gcc is on the PATH) and numpy's sgemm (when python3 imports numpy). Each tool
 * prints lines "name B N M rate [detail]"; a figure is looked up by name and size. A tool that cannot be
 * built or run leaves a one-line note instead of its figures.
 */
final class Ceilings {
    private static final long TIMEOUT_SECONDS = 300;

    /** One measured figure and what measured it. */
    record Figure(double rate, String source) {}

    private final Map<String, Figure> figures = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Runs both tools on every size, with {@code threads} threads each. */
    static Ceilings measure(int[][] sizes, int threads) {
        Ceilings c = new Ceilings();
        Path tools = checkout().resolve("benchmarks/ceiling");
        Path binary = c.buildLinfTool(tools);
        for (int[] size : sizes) {
            String[] shape = {String.valueOf(size[0]), String.valueOf(size[1]), String.valueOf(size[2])};
            if (binary != null) {
                c.collect("C L-inf kernel", "C, gcc -O3 -march=native -fopenmp",
                        List.of(binary.toString(), shape[0], shape[1], shape[2]), "OMP_NUM_THREADS", threads);
            }
            c.collect("numpy sgemm", "numpy sgemm",
                    List.of("python3", tools.resolve("sgemm.py").toString(), shape[0], shape[1], shape[2]),
                    "OPENBLAS_NUM_THREADS", threads);
        }
        return c;
    }

    /** The figure {@code name} (as the tool prints it) for the size, or null when it was not measured. */
    Figure get(String name, int[] size) {
        return figures.get(key(name, size[0], size[1], size[2]));
    }

    /** One line for each tool that could not be built or run. */
    List<String> notes() {
        return notes;
    }

    private static String key(String name, Object b, Object n, Object m) {
        return name + " " + b + "x" + n + "x" + m;
    }

    /** The compiled C tool, rebuilt when older than its source; null, with a note, when that fails. */
    private Path buildLinfTool(Path tools) {
        Path source = tools.resolve("linf_ceiling.c");
        Path binary = checkout().resolve("target/ceiling/linf_ceiling");
        try {
            if (!Files.exists(source)) {
                notes.add("C L-inf ceiling: not measured (" + source + " is missing)");
                return null;
            }
            if (Files.exists(binary)
                    && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return binary;
            }
            Files.createDirectories(binary.getParent());
            List<String> out = execute(List.of("gcc", "-O3", "-march=native", "-fopenmp", "-o", binary.toString(),
                    source.toString(), "-lm"), "OMP_NUM_THREADS", 1);
            if (out == null) {
                notes.add("C L-inf ceiling: not measured (gcc -O3 -march=native -fopenmp could not build "
                        + source + ")");
                return null;
            }
            return binary;
        } catch (IOException e) {
            notes.add("C L-inf ceiling: not measured (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Runs one tool and keeps the figures it prints; a note when it fails (once per tool). */
    private void collect(String tool, String source, List<String> command, String threadVariable, int threads) {
        List<String> lines = execute(command, threadVariable, threads);
        if (lines == null) {
            String note = tool + " ceiling: not measured (" + String.join(" ", command.subList(0, 1))
                    + " failed or is not available)";
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return;
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5) {
                String detail = f.length > 5 ? source + " on " + f[5] : source;
                figures.put(key(f[0], f[1], f[2], f[3]), new Figure(Double.parseDouble(f[4]), detail));
            }
        }
    }

    /** The command's standard output lines, or null when it cannot start, fails or runs too long. */
    private static List<String> execute(List<String> command, String threadVariable, int threads) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put(threadVariable, String.valueOf(threads));
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out.lines().toList() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The checkout holding target/linfgrad.jar, the directory above the jar's. */
    private static Path checkout() {
        try {
            Path jar = Path.of(Ceilings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.toAbsolutePath().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot locate the linfgrad jar", e));
        }
    }
}
