package org.linfgrad.train;

import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;

/**
 * What a training step minimises, chosen by the model kind: a 1-Lipschitz dist net trains on its certified
 * margin ({@link MarginObjective}: {@code ce}, {@code hinge}, {@code mixture}), a hybrid, whose head is not
 * 1-Lipschitz, on worst-case logits from interval bounds ({@link IntervalObjective}: {@code ce}, {@code ibp}).
 */
sealed interface Objective permits MarginObjective, IntervalObjective {

    /** The loss of a batch and its clean logits. */
    record Step(Var loss, Var logits) {}

    /** What the schedules give a step in one epoch: eps_train (normalised units) and the mixture's lambda. */
    record Epoch(float epsTrain, float lambda) {}

    /**
     * The objective of the configured loss for a model, or the kind's default when the loss is null.
     *
     * @throws IllegalArgumentException naming the losses that apply when the configured one does not
     */
    static Objective of(ModelSpec spec, TrainConfig config) {
        return switch (spec.kind()) {
            case DIST -> MarginObjective.of(spec, config);
            case HYBRID -> IntervalObjective.of(spec, config);
        };
    }

    /** The loss's name, as {@code --loss} takes it. */
    String name();

    /** The fraction of the run over which eps_train ramps up from 0 to eps. */
    double epsRampFraction();

    /** The loss of a batch x [B, inputs] (normalised) with its labels. */
    Step step(Network net, Var x, int[] labels, Epoch epoch);

    /** Trainable parameters of the loss itself, by checkpoint name (the mixture's logit scale), or none. */
    Map<String, Var> parameters();

    /** The message for a loss that does not apply to a model. */
    static IllegalArgumentException refused(String loss, ModelSpec spec, String why, String applicable) {
        return new IllegalArgumentException("--loss " + loss + " does not apply to " + spec.format() + ": " + why
                + "; use " + applicable);
    }
}
