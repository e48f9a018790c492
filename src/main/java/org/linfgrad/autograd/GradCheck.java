package org.linfgrad.autograd;

import java.util.Arrays;
import java.util.Random;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * Compares the gradients of backward with central differences.
 *
 * <p>The output y = f(x_1, ..., x_n) is contracted with a random cotangent c (a weight of random sign and
 * magnitude in [0.5, 1.5] per output element) into the scalar L = sum_k c_k y_k, accumulated in double. A
 * plain sum would miss a gradient routed to the wrong output; a random contraction does not. Backward is
 * seeded with c, and for every input element the numeric derivative
 * (L(x + h) - L(x - h)) / (2h) is compared with the analytic one; an element passes when
 * |analytic - numeric| &lt;= atol + rtol * |numeric|.
 *
 * <p>Tensors are float32, so each evaluation of y carries a relative rounding error near 6e-8; divided by
 * 2h this becomes the numeric noise, while the truncation error of central differences grows as h^2. The
 * default h = 1e-2 balances the two for values of order 1 (noise near 1e-5, truncation near 2e-5 * |f'''|),
 * and rtol = 2e-3, atol = 1e-3 leave room for both while still failing a gradient that is 1 % off wherever
 * its magnitude exceeds 0.2 (see GradCheckTest). Inputs must stay at least a few h away from kinks (zeros of
 * abs and relu, ties of max): the samplers of the test suite build them that way.
 *
 * <p>What central differences cannot see: a gradient element below about atol = 1e-3, and any error of a
 * gradient whose effect on L is below the float32 rounding of y (a derivative of 1e-7 of an output of order 1
 * moves L by 1e-9 for h = 1e-2, far below its rounding). The soft order statistic's rank gradient at low
 * temperature is such a case. For those, {@link #checkAgainst} compares backward with an {@link Oracle}: an
 * independent derivation of the same gradient in double precision, written by the test author. It sees a
 * relative error of {@link Settings#ORACLE}'s rtol at any magnitude down to float32's subnormals, but only
 * for functions that have an oracle, and only as far as the oracle is right.
 */
public final class GradCheck {

    /** Step and tolerances. */
    public record Settings(double step, double rtol, double atol) {
        /** Central differences in float32: h = 1e-2, rtol = 2e-3, atol = 1e-3. */
        public static final Settings DEFAULT = new Settings(1e-2, 2e-3, 1e-3);
        /**
         * Against a double-precision oracle (no step): rtol = 1e-3, atol = 1e-42, just above the spacing of
         * float32's subnormals, so a gradient of 1e-38 is checked to 0.1 % like one of 1.
         */
        public static final Settings ORACLE = new Settings(0, 1e-3, 1e-42);
    }

    /**
     * An independent double-precision derivation of a computation's gradient: given the inputs and a cotangent
     * c of the output, the gradient of sum_k c_k y_k with respect to every element of every input, computed in
     * double from the inputs' float values (flattened row-major, one array per input).
     */
    @FunctionalInterface
    public interface Oracle {
        double[][] gradients(Tensor[] inputs, Tensor cotangent);
    }

    /**
     * The worst element of a check: which input, where, the analytic derivative and the numeric one (central
     * differences, or the oracle's value), and whether it is within tolerance.
     */
    public record Report(String name, boolean passed, int input, int[] index, double analytic, double numeric,
                         double worstRatio, int checked) {

        /** One line saying what was checked and the worst element found. */
        public String describe() {
            String where = input < 0 ? "no elements" : "input " + input + " element " + Arrays.toString(index);
            return String.format("gradcheck %s %s: %s analytic %.6g numeric %.6g (error %.3g of tolerance, %d elements)",
                    name, passed ? "passed" : "FAILED", where, analytic, numeric, worstRatio, checked);
        }

        /** This report as a row of {@link #TABLE_HEADER}'s table, which {@code linfgrad gradcheck} prints. */
        public String row() {
            return String.format("%-28s %8d %12.5g %12.5g %10.3f  %s", name, checked, analytic, numeric, worstRatio,
                    passed ? "ok" : "FAIL at input " + input + " " + Arrays.toString(index));
        }

        /** The column heads of the table of {@link #row}s. */
        public static final String TABLE_HEADER = String.format("%-28s %8s %12s %12s %10s  %s", "operation",
                "elements", "analytic", "numeric", "err/tol", "result");
    }

    /** A differentiable computation of Vars, as checked by GradCheck. */
    @FunctionalInterface
    public interface Computation {
        Var apply(Var... inputs);
    }

    private GradCheck() {}

    /** Checks a computation at the given inputs with default settings and cotangent seed 0. */
    public static Report check(String name, Computation f, Tensor... inputs) {
        return check(name, f, Settings.DEFAULT, 0, inputs);
    }

    /** Checks one function at the given inputs with default settings. */
    public static Report check(Function<?> function, Tensor... inputs) {
        return check(function.toString(), vars -> Var.apply(function, vars), inputs);
    }

    /** Checks and throws an AssertionError naming the worst element when the check fails. */
    public static void assertGradients(String name, Computation f, Tensor... inputs) {
        Report report = check(name, f, inputs);
        if (!report.passed()) {
            throw new AssertionError(report.describe());
        }
    }

    /** Checks a computation at the given inputs against central differences. */
    public static Report check(String name, Computation f, Settings settings, long seed, Tensor... inputs) {
        Tensor cotangent = cotangentFor(f, seed, inputs);
        return compare(name, analyticGradients(f, cotangent, inputs), settings, inputs,
                (i, e) -> centralDifference(f, cotangent, inputs, i, e, settings.step()));
    }

    /** Checks a computation at the given inputs against a double-precision oracle of its gradient. */
    public static Report checkAgainst(String name, Computation f, Oracle oracle, Settings settings, long seed,
                                      Tensor... inputs) {
        Tensor cotangent = cotangentFor(f, seed, inputs);
        double[][] exact = oracle.gradients(inputs, cotangent);
        return compare(name, analyticGradients(f, cotangent, inputs), settings, inputs, (i, e) -> exact[i][e]);
    }

    /** The derivative that backward's element e of input i is compared with. */
    @FunctionalInterface
    private interface Expected {
        double at(int input, int element);
    }

    /** The worst element: |analytic - expected| / (atol + rtol |expected|), NaN counting as infinitely bad. */
    private static Report compare(String name, Tensor[] analytic, Settings settings, Tensor[] inputs, Expected expected) {
        Report worst = new Report(name, true, -1, new int[0], 0, 0, 0, 0);
        int checked = 0;
        for (int i = 0; i < inputs.length; i++) {
            for (int e = 0; e < inputs[i].size(); e++) {
                double numeric = expected.at(i, e);
                double value = analytic[i].data()[e];
                double ratio = Math.abs(value - numeric) / (settings.atol() + settings.rtol() * Math.abs(numeric));
                if (Double.isNaN(ratio)) {
                    ratio = Double.POSITIVE_INFINITY;
                }
                if (checked++ == 0 || ratio > worst.worstRatio()) {
                    worst = new Report(name, ratio <= 1, i, inputs[i].index(e), value, numeric, ratio, 0);
                }
            }
        }
        return new Report(name, worst.passed(), worst.input(), worst.index(), worst.analytic(), worst.numeric(),
                worst.worstRatio(), checked);
    }

    /** (L(x + h e) - L(x - h e)) / (2h) for element e of input i, with the float32 steps actually taken. */
    private static double centralDifference(Computation f, Tensor cotangent, Tensor[] inputs, int i, int e, double h) {
        float[] x = inputs[i].data().clone();
        Tensor[] probe = inputs.clone();
        probe[i] = Tensor.of(x, inputs[i].shape());
        float up = (float) (x[e] + h);
        float down = (float) (x[e] - h);
        x[e] = up;
        double lossUp = contract(f, cotangent, probe);
        x[e] = down;
        double lossDown = contract(f, cotangent, probe);
        return (lossUp - lossDown) / ((double) up - down);
    }

    /** The random cotangent for f's output: random sign, magnitude in [0.5, 1.5]. */
    private static Tensor cotangentFor(Computation f, long seed, Tensor[] inputs) {
        int[] shape = evaluate(f, inputs).shape();
        Random rng = new Random(seed);
        float[] c = new float[Shape.size(shape)];
        for (int k = 0; k < c.length; k++) {
            c[k] = (rng.nextBoolean() ? 1 : -1) * (0.5f + rng.nextFloat());
        }
        return Tensor.of(c, shape);
    }

    private static Tensor[] analyticGradients(Computation f, Tensor cotangent, Tensor[] inputs) {
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Var.param(inputs[i].copy());
        }
        try (Tape tape = Tape.open()) {
            tape.backward(f.apply(vars), cotangent);
        }
        Tensor[] grads = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            grads[i] = vars[i].grad() != null ? vars[i].grad() : Tensor.zeros(inputs[i].shape());
        }
        return grads;
    }

    private static double contract(Computation f, Tensor cotangent, Tensor[] inputs) {
        float[] y = evaluate(f, inputs).data();
        float[] c = cotangent.data();
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            sum += (double) c[k] * y[k];
        }
        return sum;
    }

    private static Tensor evaluate(Computation f, Tensor[] inputs) {
        Var[] vars = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Var.constant(inputs[i]);
        }
        return f.apply(vars).value();
    }
}
