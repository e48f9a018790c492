package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.model.Network;
import org.linfgrad.prune.EdgeUsage;
import org.linfgrad.prune.Pruner;
import org.linfgrad.tensor.Tensor;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;

/**
 * Writes what {@code tests/python/interop.py} (run by {@code .ci/run} after the tests) checks with Python's
 * safetensors and torch, into {@value #DIR}: a trained dist net, the same net pruned, a trained hybrid, and
 * {@code reference.safetensors} with the digits test set (raw pixels, labels as U8) and linfgrad's logits of each
 * net on it. Here it checks that every file reads back and that the logits are the loaded nets' own.
 */
class PythonInteropFixturesTest {
    /** Under target/, so that {@code mvn clean} removes it; the Python script reads it from there. */
    static final String DIR = "target/interop";

    @Test
    void writesCheckpointsAndTheirLogitsOnTheTestSet() throws IOException {
        Path dir = Path.of(DIR);
        Dataset test = DataSets.digits().test();
        Map<String, Tensor> reference = new LinkedHashMap<>();
        reference.put("images", test.images());
        reference.put("labels", Tensor.of(labels(test), test.size()));
        Path dist = train(dir.resolve("dist"), "dist:linf:3x32");
        Path hybrid = train(dir.resolve("hybrid"), "hybrid:linf:2x16");
        Checkpoint.Loaded trained = Checkpoint.load(dist);
        Network pruned = Pruner.prune(trained.network(),
                EdgeUsage.count(trained.network(), DataSets.digits().train(), trained.normalization()), 1);
        Path prunedFile = dir.resolve("pruned.safetensors");
        Checkpoint.save(prunedFile, pruned, trained.normalization(), trained.metadata());
        for (Map.Entry<String, Path> net : Map.of("dist", dist, "pruned", prunedFile, "hybrid", hybrid).entrySet()) {
            Checkpoint.Loaded loaded = Checkpoint.load(net.getValue());
            reference.put(net.getKey() + ".logits", loaded.network().predict(loaded.normalization().apply(test.images())));
        }
        assertThat(Checkpoint.load(prunedFile).network().state().tensors()).containsKey("0.mask");
        assertThat(reference.get("pruned.logits")).isEqualTo(pruned.predict(trained.normalization().apply(test.images())));
        Path file = dir.resolve("reference.safetensors");
        SafeTensors.write(file, reference, Map.of("labels", DType.U8), Map.of("samples", Integer.toString(test.size())));
        assertThat(SafeTensors.read(file).tensors()).isEqualTo(reference);
        assertThat(Files.size(file) - 8).isGreaterThan(4L * 64 * test.size());
    }

    private static float[] labels(Dataset test) {
        float[] labels = new float[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.labels()[i];
        }
        return labels;
    }

    /** Trains {@code model} on digits for 3 epochs into {@code out}, quietly; its checkpoint. */
    private static Path train(Path out, String model) throws IOException {
        TrainConfig config = TrainConfig.builder("digits").model(model).epochs(3).out(out).build();
        return new Trainer(config, new PrintStream(PrintStream.nullOutputStream())).run().checkpoint();
    }
}
