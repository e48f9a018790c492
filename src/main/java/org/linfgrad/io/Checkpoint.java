package org.linfgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.LinfDist;
import org.linfgrad.nn.MeanShift;
import org.linfgrad.nn.Sequential;
import org.linfgrad.nn.SparseLinfDist;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * A trained network in a safetensors file: every parameter under its name ({@code 0.weight}), every mean
 * shift's running mean ({@code 1.running_mean}), the kept-edge mask of every pruned layer ({@code 0.mask}),
 * and metadata holding the model spec, the input and class
 * counts and the normalisation, plus whatever the caller adds (data set, epoch).
 */
public final class Checkpoint {
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
        Map<String, Tensor> tensors = new LinkedHashMap<>(extraTensors);
        network.parameters().forEach((name, v) -> tensors.put(name, v.value()));
        List<Layer> layers = network.body().layers();
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof MeanShift shift) {
                tensors.put(k + ".running_mean", shift.runningMean());
            }
            if (layers.get(k) instanceof SparseLinfDist sparse) {
                tensors.put(k + ".mask", sparse.kept().toMask());
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>(extra);
        ModelSpec spec = network.spec();
        metadata.put("format", "linfgrad-checkpoint-1");
        metadata.put("model", spec.format());
        metadata.put("inputs", Integer.toString(spec.inputs()));
        metadata.put("classes", Integer.toString(spec.classes()));
        metadata.put("normalization_mean", Float.toString(normalization.mean()));
        metadata.put("normalization_std", Float.toString(normalization.std()));
        SafeTensors.write(path, tensors, metadata);
    }

    /**
     * Reads a checkpoint back into a network identical to the saved one.
     *
     * @throws IOException naming the file and what does not match when it is not a linfgrad checkpoint
     */
    public static Loaded load(Path path) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(path);
        Map<String, String> meta = contents.metadata();
        if (!"linfgrad-checkpoint-1".equals(meta.get("format"))) {
            throw new IOException(path + " is a safetensors file but not a linfgrad checkpoint (no format metadata)");
        }
        LoadedValues.check(path, contents);
        ModelSpec spec;
        Normalization normalization;
        try {
            spec = ModelSpec.parse(meta.get("model"), Integer.parseInt(meta.get("inputs")),
                    Integer.parseInt(meta.get("classes")));
            normalization = new Normalization(Float.parseFloat(meta.get("normalization_mean")),
                    Float.parseFloat(meta.get("normalization_std")));
        } catch (RuntimeException e) {
            throw new IOException(path + ": unreadable checkpoint metadata (" + e.getMessage() + ")");
        }
        Network network = Network.create(spec, new Random(0));
        Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        for (Map.Entry<String, Var> p : network.parameters().entrySet()) {
            copyInto(path, p.getKey(), tensors.remove(p.getKey()), p.getValue().value());
        }
        List<Layer> layers = network.body().layers();
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) instanceof MeanShift shift) {
                Tensor mean = tensors.remove(k + ".running_mean");
                copyInto(path, k + ".running_mean", mean, shift.runningMean());
            }
        }
        network = withMasks(network, tensors);
        network.setTraining(false);
        return new Loaded(network, normalization, meta, tensors);
    }

    /** Replaces each distance layer that has a saved mask by its sparse form over the kept edges. */
    private static Network withMasks(Network network, Map<String, Tensor> tensors) {
        List<Layer> layers = new ArrayList<>(network.body().layers());
        boolean pruned = false;
        for (int k = 0; k < layers.size(); k++) {
            Tensor mask = tensors.remove(k + ".mask");
            if (mask != null && layers.get(k) instanceof LinfDist dense) {
                layers.set(k, new SparseLinfDist(dense.weight(), dense.bias(), EdgeList.fromMask(mask)));
                pruned = true;
            }
        }
        return pruned ? Network.of(network.spec(), new Sequential(layers)) : network;
    }

    private static void copyInto(Path path, String name, Tensor saved, Tensor target) throws IOException {
        if (saved == null) {
            throw new IOException(path + " lacks tensor '" + name + "' that a " + "model of its spec has");
        }
        if (!saved.hasShape(target.shape())) {
            throw new IOException(path + ": tensor '" + name + "' has shape " + Shape.format(saved.shape())
                    + ", the model spec needs " + Shape.format(target.shape()));
        }
        System.arraycopy(saved.data(), 0, target.data(), 0, target.size());
    }
}
