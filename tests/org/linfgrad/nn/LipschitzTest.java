package org.linfgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.SoftOrderStatistic;
import org.linfgrad.tensor.Tensor;

/**
 * Property tests of the Lipschitz claims: for a layer said to be 1-Lipschitz in the L-infinity norm,
 * max_j |f(x')_j - f(x)_j| <= max_i |x'_i - x_i| + 1e-5 on many random pairs, and the same check fails
 * layers that are not 1-Lipschitz.
 */
class LipschitzTest {
    private static final int IN = 9;
    private static final int OUT = 6;
    private static final int PAIRS = 400;
    private static final float SLACK = 1e-5f;

    private final Random rng = new Random(2024);

    /**
     * The largest ratio (|f(x') - f(x)|_inf - slack) / |x' - x|_inf over random pairs: x ~ N(0, 1); x' = x plus
     * a perturbation of a random scale in [1e-3, 3] that is uniform in the box, at a random corner of it, or a
     * constant shift.
     */
    private double worstRatio(Layer layer) {
        layer.setTraining(false);
        return worstRatio(layer::forward, IN);
    }

    private double worstRatio(UnaryOperator<Var> f, int in) {
        double worst = 0;
        for (int t = 0; t < PAIRS; t++) {
            float[] x = Tensor.randn(rng, 1, in).data();
            float[] x2 = x.clone();
            float scale = (float) Math.exp(Math.log(1e-3) + rng.nextDouble() * Math.log(3e3));
            int kind = t % 3;
            float shift = (rng.nextBoolean() ? 1 : -1) * scale;
            for (int i = 0; i < in; i++) {
                float delta = switch (kind) {
                    case 0 -> (2 * rng.nextFloat() - 1) * scale;
                    case 1 -> rng.nextBoolean() ? scale : -scale;
                    default -> shift;
                };
                x2[i] += delta;
            }
            float[] y = f.apply(Var.constant(Tensor.of(x, 1, in))).value().data();
            float[] y2 = f.apply(Var.constant(Tensor.of(x2, 1, in))).value().data();
            double dx = 0;
            double dy = 0;
            for (int i = 0; i < in; i++) {
                dx = Math.max(dx, Math.abs(x2[i] - x[i]));
            }
            for (int j = 0; j < y.length; j++) {
                dy = Math.max(dy, Math.abs(y2[j] - y[j]));
            }
            worst = Math.max(worst, (dy - SLACK) / dx);
        }
        return worst;
    }

    private void assertOneLipschitz(Supplier<Layer> layers) {
        for (int trial = 0; trial < 5; trial++) {
            assertThat(worstRatio(layers.get())).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void linfDistance() {
        assertOneLipschitz(() -> new LinfDist(IN, OUT, true, rng));
    }

    @Test
    void sparseLinfDistance() {
        assertOneLipschitz(() -> new SparseLinfDist(new LinfDist(IN, OUT, true, rng), NeuronTest.randomMask(rng, OUT, IN)));
    }

    @Test
    void orderStatisticsAndMedians() {
        assertOneLipschitz(() -> OrderStat.kth(IN, OUT, 1 + rng.nextInt(IN), true, rng));
        assertOneLipschitz(() -> OrderStat.median(IN, OUT, true, rng));
        for (int trial = 0; trial < 5; trial++) {
            Layer evenMedian = OrderStat.median(IN + 1, OUT, true, rng);
            assertThat(worstRatio(evenMedian::forward, IN + 1)).as("median of an even count").isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void softOrderStatisticForAnyRankAndTemperature() {
        assertOneLipschitz(() -> {
            SoftOrderStat layer = new SoftOrderStat(Var.param(Tensor.randn(rng, OUT, IN)), Var.param(Tensor.randn(rng, OUT)),
                    Var.param(Tensor.randn(rng, OUT).copy()), rng.nextBoolean() ? SoftOrderStat.Kernel.LAPLACE
                    : SoftOrderStat.Kernel.GAUSSIAN);
            layer.setTemperature(Math.exp(4 * rng.nextDouble() - 2));
            return layer;
        });
    }

    @Test
    void hardWeightedOrderStatistic() {
        assertOneLipschitz(() -> {
            WeightedOrderStat layer = new WeightedOrderStat(Var.param(Tensor.randn(rng, OUT, IN)), null,
                    Var.param(Tensor.randn(rng, OUT, IN)), Var.param(Tensor.randn(rng, OUT)));
            layer.setHard(true);
            return layer;
        });
    }

    @Test
    void sortNetNeuronInEvaluation() {
        assertOneLipschitz(() -> new SortNet(Var.param(Tensor.randn(rng, OUT, IN)), Var.param(Tensor.randn(rng, OUT)),
                0.05 + 0.95 * rng.nextDouble(), 1 + rng.nextInt(IN), 1));
    }

    @Test
    void activationsAndMeanShiftInEvaluation() {
        assertOneLipschitz(() -> new Activation(Activation.Kind.TANH));
        assertOneLipschitz(() -> new Activation(Activation.Kind.RELU));
        assertOneLipschitz(() -> {
            MeanShift shift = new MeanShift(IN);
            shift.forward(Var.constant(Tensor.randn(rng, 16, IN)));
            return shift;
        });
    }

    @Test
    void stackedDistanceNetWithMeanShiftInEvaluation() {
        assertOneLipschitz(() -> {
            Layer net = new Sequential(
                    new LinfDist(IN, 12, false, rng), new MeanShift(12),
                    OrderStat.median(12, 12, false, rng), new MeanShift(12),
                    new LinfDist(12, IN, true, rng));
            net.forward(Var.constant(Tensor.randn(rng, 32, IN))); // training mode: fills the running means
            return net;
        });
    }

    @Test
    void theCheckCatchesLayersThatAreNotOneLipschitz() {
        assertThat(worstRatio(new Linear(IN, OUT, true, rng))).isGreaterThan(1.0);
        LinfDist lp = new LinfDist(IN, OUT, true, rng);
        lp.setP(1);
        assertThat(worstRatio(lp)).as("the L-1 relaxation, constant up to n").isGreaterThan(1.0);
        Var weight = Var.param(Tensor.randn(rng, OUT, IN));
        Var weightsSummingToTwo = Var.constant(Tensor.full(2f / IN, OUT, IN));
        assertThat(worstRatio(x -> Var.apply(new SoftOrderStatistic(), x, weight, weightsSummingToTwo), IN))
                .as("soft order statistic with mixture weights summing to 2").isGreaterThan(1.0);
        assertThat(worstRatio(x -> Var.apply(new org.linfgrad.autograd.functions.SortedDistance(new float[] {1, 1}),
                x, weight), IN)).as("SortNet's top-2 with weights summing to 2").isGreaterThan(1.0);
    }
}
