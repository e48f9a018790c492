package org.linfgrad.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's ceilings for {@code linfgrad bench}, measured in the same run by the benchmark-only tools in
 * {@code benchmarks/ceiling}: the C L-inf kernel (built with {@code gcc -O3 -march=native -fopenmp} into
 * {@code target/ceiling} when gcc is on the PATH) and numpy's sgemm (when python3 imports numpy). Each tool
 * prints lines "name B N M rate [detail]". A tool that cannot be built or run leaves a one-line note
 * instead of its figures.
 */
final class Ceilings {
    private static final long TIMEOUT_SECONDS = 300;

    /** One measured figure and what measured it. */
    record Figure(double rate, String source) {}

    private final int threads;
    private final Path tools = checkout().resolve("benchmarks/ceiling");
    private final List<String> notes = new ArrayList<>();
    private Path linfTool;
    private boolean built;

    /** The tools will run with {@code threads} threads; the C one is built on its first use. */
    Ceilings(int threads) {
        this.threads = threads;
    }

    /**
     * Runs the tool that prints {@code name} (linf-... the C kernel, sgemm-... numpy) on the size, now, and
     * returns that figure, or null when the tool is not available.
     */
    Figure measure(String name, int[] size) {
        List<String> shape = List.of(String.valueOf(size[0]), String.valueOf(size[1]), String.valueOf(size[2]));
        List<String> command = new ArrayList<>();
        boolean linf = name.startsWith("linf-");
        if (linf && !built) {
            linfTool = buildLinfTool(tools);
            built = true;
        }
        if (linf && linfTool == null) {
            return null;
        }
        if (linf) {
            command.add(linfTool.toString());
        } else {
            command.addAll(List.of("python3", tools.resolve("sgemm.py").toString()));
        }
        command.addAll(shape);
        List<String> lines = execute(command, linf ? "OMP_NUM_THREADS" : "OPENBLAS_NUM_THREADS", threads);
        if (lines == null) {
            note(linf ? "C L-inf ceiling: not measured (" + linfTool + " failed)"
                    : "numpy sgemm ceiling: not measured (python3 " + tools.resolve("sgemm.py")
                            + " failed; it needs python3 with numpy)");
            return null;
        }
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].equals(name)) {
                return new Figure(Double.parseDouble(f[4]), linf ? "C, gcc -O3 -march=native -fopenmp"
                        : "numpy sgemm" + (f.length > 5 ? " on " + f[5] : ""));
            }
        }
        return null;
    }

    /** One line for each tool that could not be built or run. */
    List<String> notes() {
        return notes;
    }

    private void note(String line) {
        if (!notes.contains(line)) {
            notes.add(line);
        }
    }

    /** The compiled C tool, rebuilt when older than its source; null, with a note, when that fails. */
    private Path buildLinfTool(Path tools) {
        Path source = tools.resolve("linf_ceiling.c");
        Path binary = checkout().resolve("target/ceiling/linf_ceiling");
        try {
            if (!Files.exists(source)) {
                note("C L-inf ceiling: not measured (" + source + " is missing)");
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
                note("C L-inf ceiling: not measured (gcc -O3 -march=native -fopenmp could not build "
                        + source + ")");
                return null;
            }
            return binary;
        } catch (IOException e) {
            note("C L-inf ceiling: not measured (" + e.getMessage() + ")");
            return null;
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
