package org.linfgrad.nn;

import java.util.Map;
import org.linfgrad.autograd.Var;

/**
 * A module of a network: a forward map with named parameters. The set of layer kinds is closed, so that the
 * certifier and the pruner can {@code switch} over every kind and the compiler names the one they forgot.
 */
public sealed interface Layer
        permits Linear, NeuronLayer, MeanShift, Activation, Sequential {

    /** Maps a batch [B, in] to [B, out]. */
    Var forward(Var x);

    /** The trainable parameters by name, in a stable order. */
    Map<String, Var> parameters();

    /** Switches between training and evaluation behaviour (only mean shift differs). */
    default void setTraining(boolean training) {}
}
