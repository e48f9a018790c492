package org.linfgrad.certify;

import java.util.Random;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.Backends;
import org.linfgrad.loss.Losses;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;

/**
 * Projected gradient descent in the L-infinity ball: from a random start in the ball, {@code steps} signed
 * gradient steps of size {@code stepSize} on the margin max_{j != y} f_j - f_y, each projected back onto the
 * ball around x intersected with the data range [lo, hi]; the best of {@code restarts} tries per sample.
 * A sample is broken when some try changes its prediction: an upper bound on certified robustness.
 */
public record Pgd(int steps, float stepSize, int restarts, long seed) {

    /** Told after every gradient step of an attack, so that a long one can show that it moves. */
    @FunctionalInterface
    public interface StepListener {
        /** Restart {@code restart} (from 1) has taken {@code step} (from 1) of its {@link #steps} steps. */
        void stepped(int restart, int step);
    }

    /** For every sample, whether the attack found no input in the box that changes the prediction. */
    public boolean[] robust(Network net, Tensor x, int[] labels, Box ball) {
        return robust(net, x, labels, ball, (restart, step) -> { });
    }

    /** As {@link #robust(Network, Tensor, int[], Box)}, telling {@code listener} of every step. */
    public boolean[] robust(Network net, Tensor x, int[] labels, Box ball, StepListener listener) {
        boolean[] robust = new boolean[labels.length];
        java.util.Arrays.fill(robust, true);
        Random rng = new Random(seed);
        for (int r = 0; r < restarts; r++) {
            Tensor adversarial = randomStart(ball, rng);
            for (int s = 0; s < steps; s++) {
                Var input = Var.param(adversarial);
                try (Tape tape = Tape.open()) {
                    tape.backward(Losses.worstCaseGap(net.logits(input), labels, 0).sum());
                }
                adversarial = step(adversarial, input.grad(), ball);
                listener.stepped(r + 1, s + 1);
            }
            markBroken(net.predict(adversarial), labels, robust);
        }
        return robust;
    }

    private Tensor step(Tensor x, Tensor grad, Box ball) {
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) {
            float moved = x.data()[i] + stepSize * Math.signum(grad.data()[i]);
            out[i] = Math.max(ball.lower().data()[i], Math.min(ball.upper().data()[i], moved));
        }
        return Tensor.of(out, x.shape());
    }

    private static Tensor randomStart(Box ball, Random rng) {
        float[] out = new float[ball.lower().size()];
        for (int i = 0; i < out.length; i++) {
            float l = ball.lower().data()[i];
            out[i] = l + rng.nextFloat() * (ball.upper().data()[i] - l);
        }
        return Tensor.of(out, ball.lower().shape());
    }

    /** Clears robust[b] where the logits' prediction (ties to the lowest index) is not the label. */
    static void markBroken(Tensor logits, int[] labels, boolean[] robust) {
        int[] predicted = Backends.current().max(logits, 1).indices();
        for (int b = 0; b < labels.length; b++) {
            robust[b] &= predicted[b] == labels[b];
        }
    }
}
