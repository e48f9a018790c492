package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linfgrad.autograd.Var;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.EveryModel;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.LayerState;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.prune.EdgeUsage;
import org.linfgrad.prune.Pruner;
import org.linfgrad.tensor.Tensor;

/** A checkpoint holds everything that defines the function: every model spec round-trips to identical logits. */
class CheckpointTest {
    @TempDir
    Path dir;

    static List<String> specs() {
        return EveryModel.specs("3x12", "2x12");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everySpecRoundTripsToTheSameFunctionAndState(String text) throws IOException {
        Network net = trainedLike(ModelSpec.parse(text, 9, 4), new Random(5));
        Path file = dir.resolve("net.safetensors");
        Checkpoint.save(file, net, new Normalization(0.25f, 0.5f), Map.of("dataset", "digits"));
        Checkpoint.Loaded loaded = Checkpoint.load(file);

        Tensor x = Tensor.of(randoms(new Random(6), 7 * 9), 7, 9);
        assertThat(loaded.network().predict(x)).isEqualTo(net.predict(x));
        assertThat(loaded.network().state().settings()).isEqualTo(net.state().settings());
        assertThat(loaded.network().state().tensors()).isEqualTo(net.state().tensors());
        assertThat(loaded.extra()).isEmpty();
    }

    @Test
    void theSoftOrderTemperatureAndKernelAreKept() throws IOException {
        Network net = trainedLike(ModelSpec.parse("dist:softorder:3x12", 9, 4), new Random(5));
        Path file = dir.resolve("soft.safetensors");
        Checkpoint.save(file, net, new Normalization(0, 1), Map.of());
        for (Layer layer : Checkpoint.load(file).network().body().layers()) {
            if (layer instanceof SoftOrderStat soft) {
                assertThat(soft.temperature()).isEqualTo(0.013);
            }
        }
        assertThat(net.state().settings()).containsEntry("0.kernel", "LAPLACE").containsEntry("0.temperature", "0.013");
    }

    @Test
    void aPrunedNetRoundTripsWithItsMasks() throws IOException {
        Network net = trainedLike(ModelSpec.parse("dist:linf:3x12", 9, 4), new Random(5));
        org.linfgrad.data.Dataset data = new org.linfgrad.data.Dataset("tiny", Tensor.of(randoms(new Random(8), 20 * 9),
                20, 9), new int[20], 3, 3, 4);
        Network pruned = Pruner.prune(net, EdgeUsage.count(net, data, new Normalization(0, 1)), 1);
        Path file = dir.resolve("pruned.safetensors");
        Checkpoint.save(file, pruned, new Normalization(0, 1), Map.of());
        Network loaded = Checkpoint.load(file).network();
        Tensor x = Tensor.of(randoms(new Random(6), 7 * 9), 7, 9);
        assertThat(loaded.predict(x)).isEqualTo(pruned.predict(x));
        assertThat(Pruner.edgesKept(loaded).getLast()).containsExactly(Pruner.edgesKept(pruned).getLast());
        assertThat(loaded.state().tensors()).containsKey("0.mask");
        String header = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(header).contains("\"0.mask\":{\"dtype\":\"U8\"").doesNotContain("\"0.weight\":{\"dtype\":\"U8\"");
    }

    @Test
    void aStateWithAMissingOrForeignEntryIsOneClearError() throws IOException {
        Network net = trainedLike(ModelSpec.parse("dist:softorder:3x12", 9, 4), new Random(5));
        LayerState state = net.state();
        Map<String, String> noTemperature = new LinkedHashMap<>(state.settings());
        noTemperature.remove("2.temperature");
        assertThatThrownBy(() -> net.restore(new LayerState(state.tensors(), noTemperature)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layer 2: no setting 'temperature'");
        assertThatThrownBy(() -> net.restore(state.withTensor("1.bogus", Tensor.zeros(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("entries that no layer has: 1.bogus");
        Map<String, Tensor> misshapen = new LinkedHashMap<>(state.tensors());
        misshapen.put("0.weight", Tensor.zeros(3, 3));
        assertThatThrownBy(() -> net.restore(new LayerState(misshapen, state.settings())))
                .hasMessage("layer 0: tensor 'weight' has shape [3, 3], the layer needs [12, 9]");
    }

    /** A fresh net with its state moved off the defaults: running means, a temperature, a sharpness. */
    private static Network trainedLike(ModelSpec spec, Random rng) {
        Network net = Network.create(spec, rng);
        for (Var p : net.parameters().values()) {
            float[] v = p.value().data();
            for (int k = 0; k < v.length; k++) {
                v[k] += 0.1f * (float) rng.nextGaussian();
            }
        }
        for (Layer layer : net.body().layers()) {
            if (layer instanceof SoftOrderStat soft) {
                soft.setTemperature(0.013);
            }
            if (layer instanceof WeightedOrderStat weighted) {
                weighted.setSharpness(7);
            }
        }
        net.setTraining(true);
        net.predict(Tensor.of(randoms(rng, 5 * spec.inputs()), 5, spec.inputs())); // moves the running means
        net.setTraining(false);
        return net;
    }

    private static float[] randoms(Random rng, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) rng.nextGaussian();
        }
        return v;
    }
}
