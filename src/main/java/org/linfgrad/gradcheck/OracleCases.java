package org.linfgrad.gradcheck;

import static org.linfgrad.gradcheck.Samplers.distanceInputs;
import static org.linfgrad.gradcheck.Samplers.extent;
import static org.linfgrad.gradcheck.Samplers.uniform;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.LogSoftmax;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.tensor.Tensor;

/**
 * Gradient checks against double-precision oracles, for gradients too small for central differences in float32
 * to see: a softmax whose largest weight rounds to 1, and the soft order statistic's rank gradient at the
 * temperatures the trainer anneals through (1 down to 0.01). The oracles are {@link SoftmaxOracle} and
 * {@link SoftOrderOracle}; a student copy that stubs the backward passes they check has their recorded values
 * instead ({@link RecordedOracles}), since each derivation is that task's answer in another form.
 */
final class OracleCases {
    private OracleCases() {}

    static void addTo(List<GradCheckCase> cases) {
        cases.add(saturatedSoftmax(new LogSoftmax()));
        for (double tau : new double[] {1, 0.3, 0.05, 0.01}) {
            cases.add(softOrder(SoftOrderStat.Kernel.LAPLACE, tau));
        }
        for (double tau : new double[] {1, 0.1}) {
            cases.add(softOrder(SoftOrderStat.Kernel.GAUSSIAN, tau));
        }
    }

    /**
     * softmax(x) = exp(logSoftmax(x)) on rows with one entry 20 to 40 above the others, so that its weight rounds
     * to 1 in float32; {@code logSoftmax} is the function under test (a test passes a planted bug).
     */
    static GradCheckCase saturatedSoftmax(Function<?> logSoftmax) {
        String name = "softmax, saturated rows (double oracle)";
        return new GradCheckCase(name, OracleCases::saturatedRows, v -> Var.apply(logSoftmax, v[0]).exp(),
                softmaxOracle(name));
    }

    /** The soft order-statistic layer at temperature tau, ranks 0.05 to 0.45 from a position. */
    static GradCheckCase softOrder(SoftOrderStat.Kernel kernel, double tau) {
        String name = "soft-order layer " + kernel.name().toLowerCase() + " tau=" + tau + " (double oracle)";
        return new GradCheckCase(name, OracleCases::softOrderInputs, v -> softOrderLayer(v, kernel, tau).forward(v[0]),
                softOrderOracle(name, kernel, tau));
    }

    /** The recorded values where this copy has them, else the derivation (absent from a copy that stubs it). */
    private static GradCheck.Oracle softmaxOracle(String name) {
        Optional<GradCheck.Oracle> recorded = RecordedOracles.find(name);
        // BEGIN OMIT log-softmax-backward
        if (recorded.isEmpty()) {
            return SoftmaxOracle::gradients;
        }
        // END OMIT
        return recorded.orElse(RecordedOracles.absent(name));
    }

    /** As {@link #softmaxOracle}, for the soft order statistic. */
    private static GradCheck.Oracle softOrderOracle(String name, SoftOrderStat.Kernel kernel, double tau) {
        Optional<GradCheck.Oracle> recorded = RecordedOracles.find(name);
        // BEGIN OMIT soft-order-backward
        if (recorded.isEmpty()) {
            return (in, c) -> SoftOrderOracle.gradients(in, c, kernel, tau);
        }
        // END OMIT
        return recorded.orElse(RecordedOracles.absent(name));
    }

    private static Tensor[] saturatedRows(Random r) {
        int rows = extent(r);
        int n = 2 + extent(r);
        float[] x = new float[rows * n];
        for (int row = 0; row < rows; row++) {
            int top = r.nextInt(n);
            for (int i = 0; i < n; i++) {
                x[row * n + i] = i == top ? (float) r.nextGaussian() : -20 - 20 * r.nextFloat();
            }
        }
        return new Tensor[] {Tensor.of(x, rows, n)};
    }

    /** softmax(x) in double: the forward both oracles need. */
    static double[] softmax(double[] x) {
        double max = Arrays.stream(x).max().orElse(0);
        double[] a = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.exp(x[i] - max);
            sum += a[i];
        }
        for (int i = 0; i < x.length; i++) {
            a[i] /= sum;
        }
        return a;
    }

    /** x[from .. from + n) in double. */
    static double[] toDouble(float[] x, int from, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[from + i];
        }
        return d;
    }

    /** x, w, b (distinct z, as for every neuron case) and rank logits whose rank R is 0.05 to 0.45 off a position. */
    private static Tensor[] softOrderInputs(Random r) {
        int n = 2 + extent(r);
        Tensor[] xw = distanceInputs(r, extent(r), n, extent(r));
        int m = xw[1].dim(0);
        float[] logits = new float[m];
        for (int j = 0; j < m; j++) {
            double rank = 1 + r.nextInt(n - 1) + (r.nextBoolean() ? 0.05 + 0.4 * r.nextDouble() : 0.55 + 0.4 * r.nextDouble());
            double fraction = (rank - 1) / (n - 1);
            logits[j] = (float) Math.log(fraction / (1 - fraction));
        }
        return new Tensor[] {xw[0], xw[1], uniform(r, -1, 1, m), Tensor.of(logits, m)};
    }

    private static SoftOrderStat softOrderLayer(Var[] v, SoftOrderStat.Kernel kernel, double tau) {
        SoftOrderStat layer = new SoftOrderStat(v[1], v[2], v[3], kernel);
        layer.setTemperature(tau);
        return layer;
    }
}
