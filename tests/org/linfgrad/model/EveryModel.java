package org.linfgrad.model;

import java.util.Arrays;
import java.util.List;

/** The model specs of every kind with every neuron, for tests that must cover each one a user can train. */
public final class EveryModel {
    private EveryModel() {}

    /** {@code kind:neuron:SIZE} for every kind and neuron, with one size for dist nets and one for hybrids. */
    public static List<String> specs(String distSize, String hybridSize) {
        return Arrays.stream(ModelSpec.Kind.values()).flatMap(kind -> Arrays.stream(ModelSpec.Neuron.values())
                .map(neuron -> kind.name().toLowerCase() + ":" + neuron.name().toLowerCase() + ":"
                        + (kind == ModelSpec.Kind.DIST ? distSize : hybridSize))).toList();
    }
}
