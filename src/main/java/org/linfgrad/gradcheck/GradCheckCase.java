package org.linfgrad.gradcheck;

import java.util.Random;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.tensor.Tensor;

/**
 * One entry of the gradient-check suite: a named computation and a sampler of inputs for it, with random
 * shapes and values kept away from the computation's kinks.
 *
 * @param name   what the table shows
 * @param inputs draws a fresh set of inputs from a seeded generator
 * @param f      the computation whose backward is checked
 */
public record GradCheckCase(String name, Sampler inputs, GradCheck.Computation f) {

    /** Draws the inputs of one check. */
    @FunctionalInterface
    public interface Sampler {
        Tensor[] sample(Random rng);
    }

    /** Runs the check once, on inputs drawn with the given seed. */
    public GradCheck.Report run(long seed) {
        Tensor[] in = inputs.sample(new Random(seed));
        return GradCheck.check(name, f, GradCheck.Settings.DEFAULT, seed, in);
    }
}
