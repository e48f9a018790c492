package org.linfgrad.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/**
 * Layers applied in order. Parameters are named {@code index.name}, for instance {@code 0.weight}.
 * Its Lipschitz constant is at most the product of its layers' constants.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    @Override
    public Var forward(Var x) {
        for (Layer layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    @Override
    public Map<String, Var> parameters() {
        Map<String, Var> params = new LinkedHashMap<>();
        for (int k = 0; k < layers.size(); k++) {
            String prefix = k + ".";
            layers.get(k).parameters().forEach((name, v) -> params.put(prefix + name, v));
        }
        return params;
    }

    /** The layers' states, each name prefixed with the layer's index ({@code 0.weight}, {@code 1.running_mean}). */
    @Override
    public LayerState state() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int k = 0; k < layers.size(); k++) {
            LayerState inner = layers.get(k).state().prefixed(k + ".");
            tensors.putAll(inner.tensors());
            settings.putAll(inner.settings());
        }
        return new LayerState(tensors, settings);
    }

    /**
     * Restores every layer from the entries under its index and returns the restored sequence.
     *
     * @throws IllegalArgumentException for an entry missing, misshapen, or belonging to no layer
     */
    @Override
    public Sequential restore(LayerState saved) {
        List<Layer> restored = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            String prefix = k + ".";
            try {
                restored.add(layers.get(k).restore(saved.under(prefix)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + k + ": " + e.getMessage(), e);
            }
        }
        Sequential result = new Sequential(restored);
        Set<String> unknown = new TreeSet<>(saved.names());
        unknown.removeAll(result.state().names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("entries that no layer has: " + String.join(", ", unknown));
        }
        return result;
    }

    @Override
    public void setTraining(boolean training) {
        layers.forEach(layer -> layer.setTraining(training));
    }

    public List<Layer> layers() {
        return layers;
    }
}
