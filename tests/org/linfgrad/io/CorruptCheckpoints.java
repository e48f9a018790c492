package org.linfgrad.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;

/**
 * Writes a small valid checkpoint (dist:linf:2x8 on 4 inputs and 3 classes, with one tensor of optimiser
 * state), then variants of it with one value broken (the cases of issue 16), with the words loading each must
 * give.
 */
public final class CorruptCheckpoints {
    private CorruptCheckpoints() {}

    /** A change to a checkpoint's tensors and metadata, and the part of the message loading it must give. */
    public record Case(String name, Consumer<SafeTensors.Contents> damage, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Writes the valid checkpoint. */
    public static void writeValid(Path path) throws IOException {
        Network net = Network.create(ModelSpec.parse("dist:linf:2x8", 4, 3), new Random(1));
        Checkpoint.save(path, net, new Normalization(0.25f, 0.5f), Map.of("dataset", "digits"),
                Map.of("adam.m.0.weight", Tensor.zeros(8, 4)));
    }

    /** Writes the valid checkpoint with {@code c}'s damage done. */
    public static void write(Path path, Case c) throws IOException {
        writeValid(path);
        SafeTensors.Contents contents = SafeTensors.read(path);
        SafeTensors.Contents copy = new SafeTensors.Contents(new LinkedHashMap<>(contents.tensors()),
                new LinkedHashMap<>(contents.metadata()));
        c.damage().accept(copy);
        SafeTensors.write(path, copy.tensors(), copy.metadata());
    }

    private static Case tensor(String name, String tensor, float value, String expected) {
        return new Case(name, c -> {
            float[] data = c.tensors().get(tensor).data();
            data[data.length - 1] = value;
        }, expected);
    }

    private static Case metadata(String name, String key, String value, String expected) {
        return new Case(name, c -> c.metadata().put(key, value), expected);
    }

    public static List<Case> cases() {
        return List.of(
                tensor("a NaN weight", "0.weight", Float.NaN, "tensor '0.weight' holds NaN at element 31 of 32"),
                tensor("an infinite bias", "2.bias", Float.POSITIVE_INFINITY, "tensor '2.bias' holds Infinity"),
                tensor("NaN in the optimiser state", "adam.m.0.weight", Float.NaN, "tensor 'adam.m.0.weight' holds NaN"),
                metadata("a zero std", "normalization_std", "0.0", "normalization_std = '0.0' is not a finite number above 0"),
                metadata("a negative std", "normalization_std", "-0.5", "normalization_std = '-0.5' is not"),
                metadata("a NaN std", "normalization_std", "NaN", "normalization_std = 'NaN' is not"),
                metadata("an infinite std", "normalization_std", "Infinity", "normalization_std = 'Infinity' is not"),
                metadata("a std that is not a number", "normalization_std", "wide", "normalization_std = 'wide' is not"),
                metadata("an infinite mean", "normalization_mean", "-Infinity",
                        "normalization_mean = '-Infinity' is not a finite number;"),
                metadata("a 30000x30000 model", "model", "dist:linf:30000x30000",
                        "asks for dist:linf:30000x30000 on 4 inputs and 3 classes, at least 26998200210000 weights, "
                                + "but the file holds 99 numbers"),
                metadata("2^31-1 inputs", "inputs", "2147483647", "at least 17179869200 weights"),
                metadata("a model depth past 2^62 weights", "model", "hybrid:linf:2147483647x2147483647",
                        "at least 2^63 weights"),
                metadata("an unreadable model spec", "model", "dist:linf", "unreadable checkpoint metadata"),
                new Case("no inputs in the metadata", c -> c.metadata().remove("inputs"),
                        "the checkpoint metadata has no 'inputs'; the checkpoint is corrupt"));
    }
}
