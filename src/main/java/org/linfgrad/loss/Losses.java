package org.linfgrad.loss;

import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/**
 * The training losses, composed from differentiable operations. With logits f and true class y:
 * the worst-case gap of sample b is w_b = max_{j != y} (f_j + 2 eps) - f_y, positive unless every logit
 * perturbed by the certified radius stays below the true one.
 */
public final class Losses {
    /** Added to the true class before the max over the others, so that it is never selected. */
    private static final float EXCLUDE = -1e9f;

    private Losses() {}

    /** Softmax cross-entropy, averaged over the batch. */
    public static Var crossEntropy(Var logits, int[] labels) {
        return logits.crossEntropy(labels);
    }

    /** w_b for every sample: max_{j != y} f_j - f_y + 2 eps. Shape [B]. */
    public static Var worstCaseGap(Var logits, int[] labels, float eps) {
        int[] shape = logits.shape();
        float[] exclude = new float[shape[0] * shape[1]];
        for (int b = 0; b < labels.length; b++) {
            exclude[b * shape[1] + labels[b]] = EXCLUDE;
        }
        Var bestOther = logits.add(Var.constant(Tensor.of(exclude, shape))).max(1);
        return bestOther.sub(logits.pick(labels)).add(Var.constant(Tensor.scalar(2 * eps)));
    }

    /** The hinge on the certified margin: mean_b max(0, w_b + theta). */
    public static Var hinge(Var logits, int[] labels, float eps, float theta) {
        return worstCaseGap(logits, labels, eps).add(Var.constant(Tensor.scalar(theta))).relu().mean();
    }

    /**
     * The mixture loss: mean_b min(max(0, w_b + theta), theta), the hinge clipped at theta, plus
     * lambda * cross-entropy of the logits multiplied by a learnable scale s.
     */
    public static Var mixture(Var logits, int[] labels, float eps, float theta, float lambda, Var scale) {
        Var shifted = worstCaseGap(logits, labels, eps).add(Var.constant(Tensor.scalar(theta)));
        Var clipped = shifted.relu().sub(shifted.sub(Var.constant(Tensor.scalar(theta))).relu());
        return clipped.mean().add(logits.mul(scale).crossEntropy(labels).scale(lambda));
    }
}
