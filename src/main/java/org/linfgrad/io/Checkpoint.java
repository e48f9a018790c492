package org.linfgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.nn.LayerState;
import org.linfgrad.tensor.Tensor;

/**
 * A trained network in a safetensors file: the network's {@link LayerState}, its tensors under their names
 * ({@code 0.weight}, {@code 1.running_mean}, {@code 0.mask} of a pruned layer) and its settings in the metadata
 * under theirs ({@code 4.temperature}), with metadata for the model spec, the input and class counts and the
 * normalisation, plus whatever the caller adds (data set, epoch) and further tensors (optimiser state), whose
 * names must not start with a layer index. Kept-edge masks (0 or 1) are stored as U8, every other tensor as F32.
 */
public final class Checkpoint {
    /** The names of layer state entries: a layer index, a dot, a name. */
    private static final Pattern LAYER_ENTRY = Pattern.compile("\\d+\\..+");
    /** The name a layer gives its kept-edge mask ({@code 0.mask}, see {@code DistanceLayer.state()}). */
    private static final String MASK = ".mask";

    private Checkpoint() {}

    /** A loaded checkpoint. */
    public record Loaded(Network network, Normalization normalization, Map<String, String> metadata,
                         Map<String, Tensor> extra) {}

    /** Writes atomically (see {@link SafeTensors#write}). */
    public static void save(Path path, Network network, Normalization normalization, Map<String, String> extra)
            throws IOException {
        save(path, network, normalization, extra, Map.of());
    }

    /** Writes the network and further tensors (optimiser state, say), which {@link Loaded#extra} returns. */
    public static void save(Path path, Network network, Normalization normalization, Map<String, String> extra,
                            Map<String, Tensor> extraTensors) throws IOException {
        LayerState state = network.state();
        Map<String, Tensor> tensors = new LinkedHashMap<>(extraTensors);
        tensors.putAll(state.tensors());
        Map<String, String> metadata = new LinkedHashMap<>(extra);
        ModelSpec spec = network.spec();
        metadata.put("format", "linfgrad-checkpoint-1");
        metadata.put("model", spec.format());
        metadata.put("inputs", Integer.toString(spec.inputs()));
        metadata.put("classes", Integer.toString(spec.classes()));
        metadata.put("normalization_mean", Float.toString(normalization.mean()));
        metadata.put("normalization_std", Float.toString(normalization.std()));
        metadata.putAll(state.settings());
        Map<String, DType> dtypes = new LinkedHashMap<>();
        state.tensors().keySet().stream().filter(name -> name.endsWith(MASK)).forEach(name -> dtypes.put(name, DType.U8));
        SafeTensors.write(path, tensors, dtypes, metadata);
    }

    /**
     * Reads a checkpoint back into a network identical to the saved one, in evaluation mode.
     *
     * @throws IOException naming the file and what does not match when it is not a linfgrad checkpoint
     */
    public static Loaded load(Path path) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(path);
        Map<String, String> meta = contents.metadata();
        if (!"linfgrad-checkpoint-1".equals(meta.get("format"))) {
            throw new IOException(path + " is a safetensors file but not a linfgrad checkpoint (no format metadata)");
        }
        LoadedValues.Described described = LoadedValues.check(path, contents);
        ModelSpec spec = described.spec();
        Normalization normalization = described.normalization();
        Map<String, Tensor> layerTensors = new LinkedHashMap<>();
        Map<String, Tensor> extra = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> (LAYER_ENTRY.matcher(name).matches() ? layerTensors : extra).put(name, t));
        Map<String, String> settings = new LinkedHashMap<>();
        meta.forEach((name, value) -> {
            if (LAYER_ENTRY.matcher(name).matches()) {
                settings.put(name, value);
            }
        });
        Network network;
        try {
            network = Network.create(spec, new Random(0)).restore(new LayerState(layerTensors, settings));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + " does not hold a " + spec.format() + " network: " + e.getMessage());
        }
        network.setTraining(false);
        return new Loaded(network, normalization, meta, extra);
    }
}
