package org.linfgrad.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * Everything that defines a layer's function besides its kind and sizes, as a PyTorch module's state dict:
 * tensors (parameter values, and buffers such as a running mean or a kept-edge mask) and settings (a temperature,
 * a kernel), each by name. A layer declares it in {@link Layer#state} and reads it back in {@link Layer#restore};
 * checkpoints store it without knowing any layer's class.
 *
 * @param tensors  tensors by name, in a stable order
 * @param settings settings by name, as text that {@link #number} or the layer parses back
 */
public record LayerState(Map<String, Tensor> tensors, Map<String, String> settings) {

    public LayerState {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The values of some parameters, with no buffers or settings. */
    public static LayerState of(Map<String, Var> parameters) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        parameters.forEach((name, v) -> tensors.put(name, v.value()));
        return new LayerState(tensors, Map.of());
    }

    /** This state with one more tensor. */
    public LayerState withTensor(String name, Tensor value) {
        Map<String, Tensor> more = new LinkedHashMap<>(tensors);
        more.put(name, value);
        return new LayerState(more, settings);
    }

    /** This state with one more setting, stored as {@code String.valueOf(value)}. */
    public LayerState withSetting(String name, Object value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(name, String.valueOf(value));
        return new LayerState(tensors, more);
    }

    /** Every name with {@code prefix} put before it (a layer's state inside a Sequential: {@code 3.weight}). */
    public LayerState prefixed(String prefix) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((name, v) -> t.put(prefix + name, v));
        Map<String, String> s = new LinkedHashMap<>();
        settings.forEach((name, v) -> s.put(prefix + name, v));
        return new LayerState(t, s);
    }

    /** The entries whose names start with {@code prefix}, with the prefix taken off. */
    public LayerState under(String prefix) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        tensors.forEach((name, v) -> {
            if (name.startsWith(prefix)) {
                t.put(name.substring(prefix.length()), v);
            }
        });
        Map<String, String> s = new LinkedHashMap<>();
        settings.forEach((name, v) -> {
            if (name.startsWith(prefix)) {
                s.put(name.substring(prefix.length()), v);
            }
        });
        return new LayerState(t, s);
    }

    /** The tensor of this name. @throws IllegalArgumentException when there is none */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'");
        }
        return t;
    }

    /** Copies the saved tensor {@code name} into {@code target}, which it must match in shape. */
    public void copyInto(String name, Tensor target) {
        Tensor saved = tensor(name);
        if (!saved.hasShape(target.shape())) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Shape.format(saved.shape())
                    + ", the layer needs " + Shape.format(target.shape()));
        }
        System.arraycopy(saved.data(), 0, target.data(), 0, target.size());
    }

    /** Copies every parameter's saved value into it. */
    public void copyInto(Map<String, Var> parameters) {
        parameters.forEach((name, v) -> copyInto(name, v.value()));
    }

    /** The setting of this name. @throws IllegalArgumentException when there is none */
    public String setting(String name) {
        String s = settings.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no setting '" + name + "'");
        }
        return s;
    }

    /** The setting of this name as a number. @throws IllegalArgumentException when missing or not a number */
    public double number(String name) {
        try {
            return Double.parseDouble(setting(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + name + "' is '" + setting(name) + "', not a number");
        }
    }

    /** Every tensor and setting name, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(tensors.keySet());
        names.addAll(settings.keySet());
        return names;
    }
}
