package org.linfgrad.train;

import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.certify.Bounds;
import org.linfgrad.certify.IntervalBounds;
import org.linfgrad.loss.Losses;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.nn.Layer;

/**
 * The objective of a hybrid net, whose Linear/tanh/Linear head is not 1-Lipschitz, as in the L-inf-dist net
 * paper: {@code ibp} (the default) is kappa CE(z) + (1 - kappa) CE(f), with f the clean logits and z the
 * worst-case margins of {@link IntervalBounds#worstCaseMargins} over the box [h - eps_train, h + eps_train]
 * around the distance layers' features h (the box a 1-Lipschitz feature map cannot leave); {@code ce} is
 * CE(f) alone. eps_train ramps up over the first quarter of the run. The bounds are the same code that
 * certifies the net, differentiated.
 */
record IntervalObjective(String name, double kappa) implements Objective {

    static IntervalObjective of(ModelSpec spec, TrainConfig config) {
        String loss = config.loss() == null ? "ibp" : config.loss();
        return switch (loss) {
            case "ce", "ibp" -> new IntervalObjective(loss, config.kappa());
            case "hinge", "mixture" -> throw Objective.refused(loss, spec, "a margin loss assumes a 1-Lipschitz net, "
                    + "and a hybrid's linear head is not", "ibp (the default) or ce");
            default -> throw Objective.refused(loss, spec, "no such loss", "ibp (the default) or ce");
        };
    }

    @Override
    public double epsRampFraction() {
        return 0.25;
    }

    @Override
    public Step step(Network net, Var x, int[] labels, Epoch epoch) {
        Var features = net.features().forward(x);
        Var logits = features;
        for (Layer layer : net.head()) {
            logits = layer.forward(logits);
        }
        Var clean = Losses.crossEntropy(logits, labels);
        if (name.equals("ce")) {
            return new Step(clean, logits);
        }
        Var worst = IntervalBounds.worstCaseMargins(net.head(), Bounds.around(features, epoch.epsTrain()), labels);
        return new Step(Losses.crossEntropy(worst, labels).scale((float) kappa).add(clean.scale((float) (1 - kappa))),
                logits);
    }

    @Override
    public Map<String, Var> parameters() {
        return Map.of();
    }
}
