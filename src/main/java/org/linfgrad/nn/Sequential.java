package org.linfgrad.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linfgrad.autograd.Var;

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

    @Override
    public void setTraining(boolean training) {
        layers.forEach(layer -> layer.setTraining(training));
    }

    public List<Layer> layers() {
        return layers;
    }
}
