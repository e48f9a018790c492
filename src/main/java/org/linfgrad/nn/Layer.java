package org.linfgrad.nn;

import java.util.Map;
import org.linfgrad.autograd.Var;

/**
 * A module of a network: a forward map with named parameters and a declared state. The set of layer kinds is
 * closed, so that the certifier and the pruner can {@code switch} over every kind and the compiler names the one
 * they forgot.
 */
public sealed interface Layer
        permits Linear, NeuronLayer, MeanShift, Activation, Sequential {

    /** Maps a batch [B, in] to [B, out]. */
    Var forward(Var x);

    /** The trainable parameters by name, in a stable order. */
    Map<String, Var> parameters();

    /** Switches between training and evaluation behaviour. */
    default void setTraining(boolean training) {}

    /**
     * Everything that defines this layer's function besides its kind and sizes: by default the parameters'
     * values; layers with buffers or settings add them.
     */
    default LayerState state() {
        return LayerState.of(parameters());
    }

    /**
     * Copies a saved state into this layer and returns the layer that state describes: this one, or a new one
     * over the same parameters where the state says more than the kind (a distance layer's mask of kept edges
     * makes it the pruned layer).
     *
     * @throws IllegalArgumentException naming an entry that is missing or misshapen
     */
    default Layer restore(LayerState saved) {
        saved.copyInto(parameters());
        return this;
    }
}
