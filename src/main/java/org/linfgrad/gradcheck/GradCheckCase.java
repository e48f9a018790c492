package org.linfgrad.gradcheck;

import java.util.Random;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.tensor.Tensor;

/**
 * One entry of the gradient-check suite: a named computation and a sampler of inputs for it, with random
 * shapes and values kept away from the computation's kinks, checked against central differences or, where the
 * case has one, against a double-precision oracle of its gradient (see {@link GradCheck}).
 *
 * @param name   what the table shows
 * @param inputs draws a fresh set of inputs from a seeded generator
 * @param f      the computation whose backward is checked
 * @param oracle the independent double-precision gradient, or null for central differences
 */
public record GradCheckCase(String name, Sampler inputs, GradCheck.Computation f, GradCheck.Oracle oracle) {

    /** A case checked by central differences. */
    public GradCheckCase(String name, Sampler inputs, GradCheck.Computation f) {
        this(name, inputs, f, null);
    }

    /** Draws the inputs of one check. */
    @FunctionalInterface
    public interface Sampler {
        Tensor[] sample(Random rng);
    }

    /** Runs the check once, on inputs drawn with the given seed. */
    public GradCheck.Report run(long seed) {
        Tensor[] in = inputs.sample(new Random(seed));
        return oracle == null
                ? GradCheck.check(name, f, GradCheck.Settings.DEFAULT, seed, in)
                : GradCheck.checkAgainst(name, f, oracle, GradCheck.Settings.ORACLE, seed, in);
    }
}
