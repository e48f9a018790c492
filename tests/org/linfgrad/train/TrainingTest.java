package org.linfgrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.data.DataSets;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.tensor.Tensor;

class TrainingTest {
    @TempDir
    Path dir;

    private TrainConfig config(String model, int epochs, String loss) {
        return TrainConfig.builder("digits").model(model).epochs(epochs).loss(loss).seed(7)
                .out(dir).build();
    }

    @Test
    void aShortRunOnDigitsBeatsChanceByAWideMarginAndCertifiesSome() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer.Result result = new Trainer(config("dist:linf:5x128", 12, "mixture"),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat(result.test().accuracy()).isGreaterThan(0.5); // chance is 0.1
        assertThat(result.test().certifiedAccuracy()).isGreaterThan(0.2).isLessThanOrEqualTo(result.test().accuracy());
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(12)
                .allSatisfy(line -> assertThat(line).startsWith("{\"epoch\":").contains("\"test_certified\":"));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("epoch  12/12").contains("samples/s");
    }

    @Test
    void aValidationSplitIsCarvedFromTheTrainingSetAndMonitored() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainConfig withVal = config("dist:linf:3x32", 1, "ce").toBuilder().validation(0.2).build();
        new Trainer(withVal, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("1150 train / 287 val samples").contains("| val acc");
        assertThat(Files.readString(dir.resolve("metrics.jsonl"))).contains("\"val_certified\":");
    }

    @Test
    void checkpointsLoadBackIntoAnIdenticalModel() throws IOException {
        for (String model : new String[] {"dist:linf:3x32", "dist:median:2x16", "dist:softorder:2x16",
                                          "dist:weighted:2x16", "hybrid:linf:2x32"}) {
            Trainer.Result result = new Trainer(config(model, 1, "ce"), new PrintStream(new ByteArrayOutputStream())).run();
            Checkpoint.Loaded loaded = Checkpoint.load(result.checkpoint());
            Tensor x = DataSets.digits().test().images();
            result.network().setTraining(false);
            result.network().setP(Double.POSITIVE_INFINITY);
            assertThat(loaded.network().predict(loaded.normalization().apply(x)))
                    .as(model).isEqualTo(result.network().predict(loaded.normalization().apply(x)));
            assertThat(loaded.metadata()).containsEntry("dataset", "digits").containsEntry("model", model);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
            }
        }
    }

    @Test
    void aSeedMakesARunReproducible() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Tensor first = new Trainer(config("dist:linf:3x32", 2, "mixture"), quiet).run().network()
                .parameters().get("0.weight").value().copy();
        Tensor second = new Trainer(config("dist:linf:3x32", 2, "mixture"), quiet).run().network()
                .parameters().get("0.weight").value();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoes() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        TrainConfig whole = config("dist:linf:3x32", 4, "mixture");
        Tensor uninterrupted = new Trainer(whole, quiet).run().network().parameters().get("0.weight").value().copy();
        new Trainer(whole, quiet).run(2);
        TrainConfig resume = whole.toBuilder().resume(true).build();
        Trainer.Result resumed = new Trainer(resume, quiet).run();
        assertThat(resumed.network().parameters().get("0.weight").value()).isEqualTo(uninterrupted);
        assertThat(Files.readAllLines(dir.resolve("metrics.jsonl"))).hasSize(4);
        assertThat(Files.size(dir.resolve("curves.png"))).isPositive();
        assertThat(Files.readString(dir.resolve("curves.svg"))).startsWith("<svg").contains(">epoch</text>");
    }

    @Test
    void resumingWithoutACheckpointOrWithAnotherModelIsOneClearError() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        TrainConfig resume = config("dist:linf:3x32", 2, "ce").toBuilder().resume(true).build();
        assertThatThrownBy(() -> new Trainer(resume, quiet).run()).hasMessageContaining("no ")
                .hasMessageContaining("to resume from");
        new Trainer(config("dist:linf:2x16", 1, "ce"), quiet).run();
        assertThatThrownBy(() -> new Trainer(resume, quiet).run()).hasMessageContaining("holds dist:linf:2x16");
    }

    @Test
    void badCheckpointsAreOneClearError() throws IOException {
        Path truncated = dir.resolve("bad.safetensors");
        Files.write(truncated, new byte[] {100, 0, 0, 0, 0, 0, 0, 0, '{'});
        assertThatThrownBy(() -> Checkpoint.load(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("missing.safetensors")))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void schedulesFollowThePapers() {
        assertThat(Schedules.p(0, 100)).isEqualTo(8);
        assertThat(Schedules.p(4, 100)).isEqualTo(8);
        assertThat(Schedules.p(50, 100)).isBetween(8.0, 1000.0);
        assertThat(Schedules.p(89, 100)).isEqualTo(1024);
        assertThat(Schedules.p(90, 100)).isInfinite();
        for (int e = 5; e < 89; e++) {
            assertThat(Schedules.p(e + 1, 100)).isGreaterThanOrEqualTo(Schedules.p(e, 100));
            assertThat(Integer.bitCount((int) Schedules.p(e, 100))).as("a power of two").isEqualTo(1);
        }
        assertThat(Schedules.p(60, 100)).isGreaterThan(Schedules.p(30, 100));
        assertThat(Schedules.cosine(0.1, 0, 10)).isEqualTo(0.1);
        assertThat(Schedules.cosine(0.1, 5, 10)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Schedules.epsRamp(0.2, 0, 10, 0.5)).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Schedules.epsRamp(0.2, 4, 10, 0.5)).isEqualTo(0.2);
        assertThat(Schedules.epsRamp(0.2, 0, 12, 0.25)).isCloseTo(0.2 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Schedules.temperature(0, 10)).isEqualTo(1);
        assertThat(Schedules.temperature(9, 10)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void badSettingsNameTheFlag() {
        assertThatThrownBy(() -> config("dist:linf:2x8", 0, "ce")).hasMessageContaining("--epochs");
        assertThatThrownBy(() -> new Trainer(config("dist:linf:2x8", 1, "l2"), System.out).run())
                .hasMessage("--loss l2 does not apply to dist:linf:2x8: no such loss; use mixture (the default), hinge or ce");
        assertThatThrownBy(() -> new Trainer(config("hybrid:linf:2x8", 1, "hinge"), System.out).run())
                .hasMessageStartingWith("--loss hinge does not apply to hybrid:linf:2x8: a margin loss assumes a "
                        + "1-Lipschitz net").hasMessageEndingWith("use ibp (the default) or ce");
        assertThatThrownBy(() -> new Trainer(config("dist:linf:2x8", 1, "ibp"), System.out).run())
                .hasMessageStartingWith("--loss ibp does not apply to dist:linf:2x8");
        assertThatThrownBy(() -> new Trainer(config("dist:cosine:2x8", 1, "ce"), System.out).run())
                .hasMessageContaining("kind:neuron:DEPTHxWIDTH");
    }

    @Test
    void aRunHoldsItsDirectoryAndClearsTheTemporariesOfKilledWrites() throws IOException {
        Files.createDirectories(dir);
        Path stale = Files.writeString(dir.resolve("checkpoint.safetensors.123456789.tmp"), "half a file");
        new Trainer(config("dist:linf:2x8", 1, "ce"), new PrintStream(new ByteArrayOutputStream())).run();
        assertThat(stale).doesNotExist();
        try (java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = held.lock()) {
            assertThatThrownBy(() -> new Trainer(config("dist:linf:2x8", 1, "ce"), System.out).run())
                    .isInstanceOf(IOException.class).hasMessageContaining("another training run is writing");
        }
    }
}
