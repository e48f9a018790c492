package org.linfgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void gradcheckPrintsATableAndSucceeds() {
        assertThat(run("gradcheck", "--seeds", "1", "--only", "matmul")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("matmul A^T B").contains("4 passed, 0 failed");
    }

    @Test
    void everyCommandExplainsItsFlags() {
        assertThat(run("train", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--data-set=NAME").contains("--resume");
    }

    @Test
    void badTrainingFlagsAreOneClearLine() {
        assertThat(run("train", "--eps", "-0.1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("linfgrad train: --eps must be in [0, 1) (a radius in pixel units of [0, 1]), got -0.1");
        err.reset();
        assertThat(run("train", "--data-set", "fashion-mnist", "--data", "/nonexistent")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/nonexistent/train-images-idx3-ubyte")
                .doesNotContain("Exception");
    }

    @Test
    void badCertifyInputIsOneClearLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThat(run("certify", "--model", "x.safetensors", "--eps", "-1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--eps must be in [0, 1)");
        err.reset();
        assertThat(run("certify", "--model", "x.safetensors", "--eps", "abc")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--eps must be a finite number, got 'abc'");
        err.reset();
        java.nio.file.Path notACheckpoint = dir.resolve("notes.safetensors");
        java.nio.file.Files.writeString(notACheckpoint, "plain text");
        assertThat(run("certify", "--model", notACheckpoint.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a safetensors file").doesNotContain("Exception");
    }

    @Test
    void aNetWithoutDistanceLayersIsCountedAndLeftUnpruned(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThat(run("train", "--model", "dist:median:2x8", "--epochs", "1", "--out", dir.toString())).isZero();
        out.reset();
        assertThat(run("prune", "--model", dir.resolve("checkpoint.safetensors").toString(), "--threshold", "1"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("layer 0  OrderStat").contains("(counted, not pruned)")
                .contains("nothing pruned: the net has no L-infinity distance layer")
                .doesNotContain("edges of distance layers kept");
        assertThat(dir.resolve("pruned.safetensors")).doesNotExist();
        out.reset();
        assertThat(run("prune", "--model", dir.resolve("checkpoint.safetensors").toString(), "--threshold", "1",
                "--limit", "100")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("edge usage on 100 training samples");
        assertThat(run("prune", "--model", dir.resolve("checkpoint.safetensors").toString(), "--threshold", "1",
                "--limit", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--limit >= 1");
    }

    @Test
    void unknownCommandsAndFlagsAreOneClearLine() {
        assertThat(run("trian")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'trian'").contains("gradcheck");
        err.reset();
        assertThat(run("gradcheck", "--seed", "3")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("linfgrad gradcheck: unknown flag --seed; did you mean --seeds?");
        err.reset();
        assertThat(run("gradcheck", "--seeds", "three")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seeds must be an integer, got 'three'");
    }
}
