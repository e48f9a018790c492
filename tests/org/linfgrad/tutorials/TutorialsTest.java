package org.linfgrad.tutorials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every tutorial the way its first lines say (a JDK 25 compact source file with linfgrad on the class
 * path), so that none can rot: each must exit 0; the tutorials check their own results and throw otherwise.
 */
class TutorialsTest {
    private static final Path TUTORIALS = Path.of("tutorials");

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.list(TUTORIALS)) {
            return files.filter(f -> f.getFileName().toString().matches("T\\d\\d_\\w+\\.java")).sorted().toList();
        }
    }

    @Test
    void thereAreNineNumberedTutorialsEachWithItsTextAndItsRunCommand() throws IOException {
        List<Path> sources = sources();
        assertThat(sources).hasSize(9);
        try (Stream<Path> files = Files.list(TUTORIALS)) {
            List<String> texts = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .sorted().toList();
            assertThat(texts).hasSize(9);
            for (int t = 0; t < 9; t++) {
                String number = String.format("%02d", t + 1);
                assertThat(sources.get(t).getFileName().toString()).startsWith("T" + number + "_");
                assertThat(texts.get(t)).startsWith(number + "-");
                assertThat(TUTORIALS.resolve(texts.get(t))).content().contains("./linfgrad tutorials/"
                        + sources.get(t).getFileName()).contains("## Exercises");
            }
        }
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .contains("./linfgrad tutorials/" + source.getFileName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void runs(Path source) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("tutorial", ".log");
        Process process = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), source.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished).as("finished within 5 minutes").isTrue();
        assertThat(process.exitValue()).as(source + " printed:\n" + output).isZero();
    }
}
