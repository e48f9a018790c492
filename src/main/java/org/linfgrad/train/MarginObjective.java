package org.linfgrad.train;

import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.loss.Losses;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;

/**
 * The objective of a 1-Lipschitz (dist) net: its logits move by at most eps_train under a perturbation of that
 * size, so the worst-case gap is the clean one plus 2 eps_train ({@link Losses}). {@code mixture} (the default)
 * is the clipped hinge plus lambda times cross-entropy of the logits times a learnable scale; {@code hinge}
 * the hinge alone; {@code ce} plain cross-entropy. eps_train ramps up over the first half of the run.
 */
record MarginObjective(String name, double theta, Var scale) implements Objective {
    /** The checkpoint name of the mixture loss's learnable logit scale. */
    static final String SCALE = "loss.scale";

    static MarginObjective of(ModelSpec spec, TrainConfig config) {
        String loss = config.loss() == null ? "mixture" : config.loss();
        return switch (loss) {
            case "ce", "hinge", "mixture" -> new MarginObjective(loss, config.theta(), Var.param(Tensor.scalar(1)));
            case "ibp" -> throw Objective.refused(loss, spec, "it bounds a hybrid's head, and a dist net needs no "
                    + "bounds: its margin certifies it", "mixture (the default), hinge or ce");
            default -> throw Objective.refused(loss, spec, "no such loss", "mixture (the default), hinge or ce");
        };
    }

    @Override
    public double epsRampFraction() {
        return 0.5;
    }

    @Override
    public Step step(Network net, Var x, int[] labels, Epoch epoch) {
        Var logits = net.logits(x);
        float threshold = (float) (theta * 2 * epoch.epsTrain());
        Var loss = switch (name) {
            case "ce" -> Losses.crossEntropy(logits, labels);
            case "hinge" -> Losses.hinge(logits, labels, epoch.epsTrain(), threshold);
            default -> Losses.mixture(logits, labels, epoch.epsTrain(), threshold, epoch.lambda(), scale);
        };
        return new Step(loss, logits);
    }

    @Override
    public Map<String, Var> parameters() {
        return Map.of(SCALE, scale);
    }
}
