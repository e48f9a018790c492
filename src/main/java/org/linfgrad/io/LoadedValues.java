package org.linfgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.tensor.Tensor;

/**
 * The values of a checkpoint that no network may be loaded with, refused before one is built, each with one
 * line naming the file and the tensor or metadata entry:
 * <ul>
 *   <li>a tensor (weight, bias, running mean, mask, optimiser state) holding NaN or an infinity;</li>
 *   <li>a {@code normalization_mean} that is not a finite number, a {@code normalization_std} that is not a
 *   finite number above 0 (eps is divided by it: an infinite std certifies radius 0);</li>
 *   <li>a model spec, with its {@code inputs} and {@code classes}, whose layers' weights (inputs x outputs of
 *   every layer {@link ModelSpec} describes) are more numbers than the file's tensors hold, so that corrupt
 *   metadata asking for, say, a 30000-wide net is refused instead of allocated.</li>
 * </ul>
 */
final class LoadedValues {
    private LoadedValues() {}

    /** What a checked checkpoint's metadata describes: the network's spec and the data's normalisation. */
    record Described(ModelSpec spec, Normalization normalization) {}

    /** Checks what {@link SafeTensors#read} read from the checkpoint {@code path}, and reads its metadata. */
    static Described check(Path path, SafeTensors.Contents contents) throws IOException {
        long numbers = 0;
        for (Map.Entry<String, Tensor> t : contents.tensors().entrySet()) {
            requireFinite(path, t.getKey(), t.getValue());
            numbers += t.getValue().size();
        }
        Map<String, String> meta = contents.metadata();
        float mean = finiteNumber(path, meta, "normalization_mean", false);
        float std = finiteNumber(path, meta, "normalization_std", true);
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(required(path, meta, "model"), Integer.parseInt(required(path, meta, "inputs")),
                    Integer.parseInt(required(path, meta, "classes")));
        } catch (RuntimeException e) {
            throw new IOException(path + ": unreadable checkpoint metadata (" + e.getMessage() + ")");
        }
        long weights = weights(spec);
        if (weights > numbers) {
            throw new IOException(path + ": its metadata asks for " + spec.format() + " on " + spec.inputs()
                    + " inputs and " + spec.classes() + " classes, at least " + (weights == Long.MAX_VALUE ? "2^63"
                    : weights) + " weights, but the file holds " + numbers + " numbers; the metadata is corrupt");
        }
        return new Described(spec, new Normalization(mean, std));
    }

    private static String required(Path path, Map<String, String> meta, String key) throws IOException {
        String value = meta.get(key);
        if (value == null) {
            throw new IOException(path + ": the checkpoint metadata has no '" + key + "'; the checkpoint is corrupt");
        }
        return value;
    }

    private static void requireFinite(Path path, String name, Tensor tensor) throws IOException {
        float[] data = tensor.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IOException(path + ": tensor '" + name + "' holds " + data[i] + " at element " + i + " of "
                        + data.length + "; the checkpoint is corrupt or its run diverged: use an earlier one or retrain");
            }
        }
    }

    /** Refuses metadata {@code key} unless it is a finite number (above 0 when {@code positive}). */
    private static float finiteNumber(Path path, Map<String, String> meta, String key, boolean positive)
            throws IOException {
        float value;
        try {
            value = Float.parseFloat(meta.get(key));
        } catch (NullPointerException | NumberFormatException e) {
            value = Float.NaN;
        }
        if (!Float.isFinite(value) || positive && !(value > 0)) {
            throw new IOException(path + ": checkpoint metadata " + key + " = '" + meta.get(key) + "' is not a finite "
                    + (positive ? "number above 0" : "number") + "; the checkpoint is corrupt");
        }
        return value;
    }

    /**
     * The weights of the layers of {@code spec}, without looping over its depth: dist maps inputs through
     * depth - 1 hidden layers of width to classes; hybrid maps inputs through depth layers of width, then width
     * to width and width to classes. Long.MAX_VALUE when that overflows.
     */
    private static long weights(ModelSpec spec) {
        long in = spec.inputs();
        long w = spec.width();
        long out = spec.classes();
        try {
            return switch (spec.kind()) {
                case DIST -> spec.depth() == 1 ? in * out
                        : Math.addExact(Math.addExact(in * w, Math.multiplyExact(spec.depth() - 2L, w * w)), w * out);
                case HYBRID -> Math.addExact(Math.addExact(in * w, Math.multiplyExact((long) spec.depth(), w * w)),
                        w * out);
            };
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
