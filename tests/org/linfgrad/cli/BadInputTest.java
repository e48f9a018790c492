package org.linfgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linfgrad.data.CorruptDataFiles;
import org.linfgrad.io.CorruptCheckpoints;
import org.linfgrad.io.CorruptSafeTensors;

/**
 * The command line on the bad input of issue 16: each case is one line on stderr naming the flag or file, exit
 * 2 for usage and 1 for failures, no stack trace, and nothing written.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the command; asserts the exit status and that stderr is one line without a stack trace; returns it. */
    private String fails(int status, String... args) {
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String line = err.toString(StandardCharsets.UTF_8);
        err.reset();
        assertThat(code).as("exit status of %s", String.join(" ", args)).isEqualTo(status);
        assertThat(line).as("stderr of %s", String.join(" ", args)).startsWith("linfgrad " + args[0] + ": ")
                .endsWith("\n").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(line.strip()).doesNotContain("\n");
        return line.strip();
    }

    @Test
    void flagsWithoutValuesTwiceOrWithAValueForASwitchAreUsageErrors() {
        Path out = dir.resolve("run");
        assertThat(fails(2, "train", "--out")).isEqualTo("linfgrad train: --out needs a value: write --out VALUE");
        assertThat(fails(2, "certify", "--model")).isEqualTo("linfgrad certify: --model needs a value: write --model VALUE");
        assertThat(fails(2, "train", "--out", out.toString(), "--resume", "yes")).contains("--resume is a switch");
        assertThat(fails(2, "train", "--epochs", "1", "--epochs", "2")).contains("--epochs is given twice");
        assertThat(out).doesNotExist();
        assertThat(Path.of("true")).doesNotExist();
    }

    @Test
    void aBenchFilterThatMatchesNoKernelIsAUsageErrorListingTheKernels() {
        assertThat(fails(2, "bench", "--only", "L-9")).startsWith("linfgrad bench: --only 'L-9' matches no kernel; "
                + "the kernels are 'L-inf forward', 'L-inf forward+backward', 'L8 forward'").endsWith("'matmul forward+backward'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aValidationFractionThatLeavesNoTrainingSampleIsAUsageError() {
        Path out = dir.resolve("run");
        assertThat(fails(2, "train", "--val", "0.9999", "--out", out.toString()))
                .contains("holding out 1437 of the 1437 training samples of digits leaves none to train on")
                .contains("--val");
        assertThat(fails(2, "train", "--val", "0.0001", "--out", out.toString())).contains("leaves none to evaluate on");
        assertThat(out).doesNotExist();
    }

    @Test
    void aDataDirectoryWithTheDigitsIsAUsageError() {
        assertThat(fails(2, "train", "--data", dir.toString(), "--out", dir.resolve("run").toString()))
                .contains("--data " + dir + " is given, but the digits data set is embedded");
    }

    static List<CorruptSafeTensors.Case> corruptFiles() {
        return CorruptSafeTensors.cases();
    }

    @ParameterizedTest(name = "certify: {0}")
    @MethodSource("corruptFiles")
    void aCorruptSafetensorsFileIsOneLine(CorruptSafeTensors.Case c) throws IOException {
        Path file = Files.write(dir.resolve("x.safetensors"), c.bytes());
        assertThat(fails(1, "certify", "--model", file.toString())).contains(file.toString()).contains(c.expected());
    }

    static List<CorruptCheckpoints.Case> corruptValues() {
        return CorruptCheckpoints.cases();
    }

    @ParameterizedTest(name = "certify: {0}")
    @MethodSource("corruptValues")
    void aCheckpointWithBrokenValuesIsOneLine(CorruptCheckpoints.Case c) throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        CorruptCheckpoints.write(file, c);
        assertThat(fails(1, "certify", "--model", file.toString())).contains(file.toString()).contains(c.expected());
        assertThat(dir.resolve("certify-eps0.100.json")).doesNotExist();
    }

    @Test
    void aDirectoryOrFifoGivenAsACheckpointIsNamedAsSuch() throws Exception {
        assertThat(fails(1, "certify", "--model", dir.toString())).contains(dir + " is a directory, not a file; give a safetensors file");
        assertThat(fails(1, "prune", "--model", dir.toString(), "--threshold", "1")).contains("is a directory, not a file");
        Path fifo = dir.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThat(fails(1, "certify", "--model", fifo.toString())).contains(fifo + " is not a regular file (a FIFO");
        }
    }

    @Test
    void anUnwritableOutputNamesThePathAndTheCause() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThat(fails(1, "train", "--epochs", "1", "--out", file.resolve("run").toString()))
                .isEqualTo("linfgrad train: " + file.resolve("run")
                        + ": Not a directory; check the path or choose another");
        assertThat(fails(1, "gradcheck", "--only", "matmul", "--seeds", "1", "--json", file.resolve("g.json").toString()))
                .isEqualTo("linfgrad gradcheck: cannot write " + file.resolve("g.json") + ": " + file
                        + ": already exists and is not a directory");
    }

    @Test
    void aDamagedGzippedDataFileIsOneLine() throws IOException {
        byte[] gz = CorruptDataFiles.gzipStored(CorruptDataFiles.images(3, 28, 28, 3 * 28 * 28));
        Path images = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), CorruptDataFiles.flipped(gz, 200, 60));
        for (String name : new String[] {"train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte"}) {
            Files.write(dir.resolve(name), CorruptDataFiles.labels(3));
        }
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), CorruptDataFiles.images(3, 28, 28, 3 * 28 * 28));
        assertThat(fails(1, "train", "--data-set", "fashion-mnist", "--data", dir.toString(), "--out",
                dir.resolve("run").toString())).isEqualTo("linfgrad train: " + images + " is damaged: its gzip data "
                        + "does not check out (Corrupt GZIP trailer); download it again");
        assertThat(dir.resolve("run")).doesNotExist();
    }
}
