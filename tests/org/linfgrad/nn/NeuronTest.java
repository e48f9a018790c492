package org.linfgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.OrderStatistic;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.gradcheck.Samplers;
import org.linfgrad.tensor.Tensor;

/** The semantics of every neuron beyond its gradient check: ties, limits, special cases, initialisation. */
class NeuronTest {
    private final Random rng = new Random(11);

    /** A [rows, cols] mask keeping each edge with probability 1/2. */
    static Tensor randomMask(Random rng, int rows, int cols) {
        float[] m = new float[rows * cols];
        for (int e = 0; e < m.length; e++) {
            m[e] = rng.nextBoolean() ? 1 : 0;
        }
        return Tensor.of(m, rows, cols);
    }

    private static Var row(float... values) {
        return Var.param(Tensor.of(values.clone(), 1, values.length));
    }

    @Test
    void linfDistanceMatchesTheComposedOracle() {
        Tensor x = Tensor.randn(rng, 5, 7);
        Tensor w = Tensor.randn(rng, 3, 7);
        LinfDist layer = new LinfDist(Var.constant(w), null);
        Tensor fused = layer.forward(Var.constant(x)).value();
        // max_i |x_bi - w_ji| composed from broadcasting sub, abs and max: materialises [B, M, N]
        Var composed = Var.constant(x.reshape(5, 1, 7)).sub(Var.constant(w.reshape(1, 3, 7))).abs().max(-1);
        assertThat(fused).isEqualTo(composed.value());
    }

    @Test
    void linfTiesSendTheGradientToTheLowestIndex() {
        Var x = row(3, -3, 1, 3);
        Var w = Var.param(Tensor.zeros(1, 4));
        try (Tape tape = Tape.open()) {
            Var y = new LinfDist(w, null).forward(x);
            assertThat(y.value().item()).isEqualTo(3);
            tape.backward(y.sum());
        }
        assertThat(x.grad().data()).containsExactly(1, 0, 0, 0);
        assertThat(w.grad().data()).containsExactly(-1, 0, 0, 0);
    }

    @Test
    void orderStatisticTiesSelectTheLowestIndex() {
        Var x = row(2, 1, 2, 1, 5);
        Var w = Var.param(Tensor.zeros(3, 5));
        try (Tape tape = Tape.open()) {
            Var y = OrderStat.ranks(w, null, 1, 2, 3).forward(x);
            assertThat(y.value().data()).containsExactly(1, 1, 2);
            tape.backward(y, Tensor.matrix(new float[] {1, 10, 100}));
        }
        // rank 1 and rank 2 are the tied 1s at indices 1 then 3; rank 3 is the first 2, index 0.
        assertThat(x.grad().data()).containsExactly(100, 1, 0, 10, 0);
    }

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        Var odd = row(5, -1, 3, 9, 0);
        Var even = row(5, -1, 3, 9);
        Var gradCarrier = Var.param(Tensor.zeros(1, 4));
        assertThat(OrderStat.median(Var.constant(Tensor.zeros(1, 5)), null).forward(odd).value().item()).isEqualTo(3);
        try (Tape tape = Tape.open()) {
            Var y = OrderStat.median(gradCarrier, null).forward(even);
            assertThat(y.value().item()).isEqualTo(4);
            tape.backward(y.sum());
        }
        assertThat(even.grad().data()).containsExactly(0.5f, 0, 0.5f, 0);
    }

    @Test
    void theMaxNeuronIsTheLastOrderStatistic() {
        Tensor x = Tensor.randn(rng, 4, 6);
        Tensor w = Tensor.randn(rng, 2, 6);
        Tensor kth = Var.apply(new OrderStatistic(6, 6), Var.constant(x), Var.constant(w)).value();
        Tensor max = Var.constant(x.reshape(4, 1, 6)).sub(Var.constant(w.reshape(1, 2, 6))).max(-1).value();
        assertThat(kth).isEqualTo(max);
    }

    @Test
    void lpDistanceIsLinfAtInfinityAndApproachesItAsPGrows() {
        Tensor x = Tensor.randn(rng, 6, 20);
        LinfDist layer = new LinfDist(20, 8, true, rng);
        Tensor linf = layer.forward(Var.constant(x)).value();
        double previousGap = Double.POSITIVE_INFINITY;
        for (double p : new double[] {2, 8, 64, 1000}) {
            layer.setP(p);
            Tensor lp = layer.forward(Var.constant(x)).value();
            double gap = 0;
            for (int e = 0; e < lp.size(); e++) {
                float yInf = linf.data()[e];
                float yP = lp.data()[e];
                assertThat(yP).isGreaterThanOrEqualTo(yInf - 1e-5f); // ||z||_p >= ||z||_inf
                assertThat((double) yP).isLessThanOrEqualTo(yInf * Math.pow(20, 1 / p) + 1e-4); // <= n^(1/p) ||z||_inf
                gap = Math.max(gap, yP - yInf);
            }
            assertThat(gap).isLessThan(previousGap);
            previousGap = gap;
        }
        layer.setP(Double.POSITIVE_INFINITY);
        assertThat(layer.forward(Var.constant(x)).value()).isEqualTo(linf);
    }

    @Test
    void lpDistanceOfIdenticalVectorsIsZeroWithAZeroGradient() {
        Var x = row(1, 2, 3);
        Var w = Var.param(Tensor.matrix(new float[] {1, 2, 3}));
        LinfDist layer = new LinfDist(w, null);
        layer.setP(8);
        try (Tape tape = Tape.open()) {
            Var y = layer.forward(x);
            assertThat(y.value().item()).isZero();
            tape.backward(y.sum());
        }
        assertThat(x.grad().data()).containsExactly(0, 0, 0);
        assertThat(w.grad().data()).containsExactly(0, 0, 0);
    }

    @Test
    void lpDistanceDoesNotOverflowForLargeDistancesAndP() {
        LinfDist layer = new LinfDist(Var.constant(Tensor.zeros(1, 2)), null);
        layer.setP(1000);
        float y = layer.forward(Var.constant(Tensor.matrix(new float[] {1e30f, 1e30f}))).value().item();
        assertThat((double) y).isCloseTo(1e30 * Math.pow(2, 1e-3), org.assertj.core.data.Offset.offset(1e25));
    }

    @Test
    void badExponentsAreRejected() {
        LinfDist layer = new LinfDist(3, 2, false, rng);
        assertThatThrownBy(() -> layer.setP(0.5)).hasMessageContaining("p must be >= 1");
        assertThatThrownBy(() -> layer.setP(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void sparseWithAFullMaskIsTheDenseLayer() {
        LinfDist dense = new LinfDist(7, 5, true, rng);
        SparseLinfDist sparse = new SparseLinfDist(dense, Tensor.ones(5, 7));
        Var x = Var.constant(Tensor.randn(rng, 3, 7));
        assertThat(sparse.forward(x).value()).isEqualTo(dense.forward(x).value());
        dense.setP(8);
        sparse.setP(8);
        assertThat(sparse.forward(x).value()).isEqualTo(dense.forward(x).value());
    }

    @Test
    void sparseOnlyReadsTheKeptEdges() {
        LinfDist dense = new LinfDist(Var.constant(Tensor.zeros(2, 3)), null);
        Tensor mask = Tensor.matrix(new float[] {1, 0, 1}, new float[] {0, 0, 0});
        SparseLinfDist sparse = new SparseLinfDist(dense, mask);
        Tensor y = sparse.forward(Var.constant(Tensor.matrix(new float[] {1, -9, 2}))).value();
        assertThat(y.data()).containsExactly(2, 0); // a neuron keeping no edge outputs 0
        assertThat(sparse.kept().size()).isEqualTo(2);
        assertThat(sparse.kept().toMask()).isEqualTo(mask);
        assertThatThrownBy(() -> new SparseLinfDist(Var.constant(Tensor.zeros(2, 3)), null,
                EdgeList.full(3, 2))).hasMessageContaining("[2, 3]");
    }

    @Test
    void softOrderApproachesTheHardOrderStatisticAsTheTemperatureShrinks() {
        int n = 8;
        Tensor[] xw = Samplers.distanceInputs(rng, 5, n, 4);
        float[] logits = {-2f, -0.3f, 0.4f, 1.7f};
        SoftOrderStat soft = new SoftOrderStat(Var.constant(xw[1]), null, Var.constant(Tensor.vector(logits)),
                SoftOrderStat.Kernel.LAPLACE);
        int[] nearest = new int[4];
        float[] ranks = soft.rank().value().data();
        for (int j = 0; j < 4; j++) {
            nearest[j] = Math.round(ranks[j]);
            assertThat(ranks[j]).isBetween(1f, (float) n);
        }
        Tensor hard = OrderStat.ranks(Var.constant(xw[1]), null, nearest).forward(Var.constant(xw[0])).value();
        double previous = Double.POSITIVE_INFINITY;
        for (double tau : new double[] {2, 0.5, 0.1, 0.02}) {
            soft.setTemperature(tau);
            Tensor y = soft.forward(Var.constant(xw[0])).value();
            double gap = 0;
            for (int e = 0; e < y.size(); e++) {
                gap = Math.max(gap, Math.abs(y.data()[e] - hard.data()[e]));
            }
            assertThat(gap).isLessThan(previous);
            previous = gap;
        }
        assertThat(previous).isLessThan(1e-4);
    }

    @Test
    void softOrderMixtureWeightsAreAConvexCombination() {
        SoftOrderStat layer = new SoftOrderStat(9, 4, true, SoftOrderStat.Kernel.GAUSSIAN, rng);
        layer.setTemperature(0.01);
        Tensor a = layer.mixture().value();
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            for (int i = 0; i < 9; i++) {
                assertThat(a.get(j, i)).isFinite().isGreaterThanOrEqualTo(0f);
                sum += a.get(j, i);
            }
            assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThatThrownBy(() -> layer.setTemperature(0)).hasMessageContaining("positive");
    }

    @Test
    void hardWeightedQuantileWithEqualWeightsIsAnOrderStatistic() {
        int n = 5;
        Var x = Var.constant(Tensor.randn(rng, 6, n));
        Var w = Var.constant(Tensor.randn(rng, 3, n));
        // q_j = sigmoid(s_j) in ((k-1)/n, k/n) selects the k-th smallest when every edge weighs 1/n
        float[] q = {0.1f, 0.5f, 0.95f};
        float[] s = new float[3];
        for (int j = 0; j < 3; j++) {
            s[j] = (float) Math.log(q[j] / (1 - q[j]));
        }
        WeightedOrderStat layer = new WeightedOrderStat(w, null, Var.constant(Tensor.zeros(3, n)),
                Var.constant(Tensor.vector(s)));
        layer.setHard(true);
        Tensor expected = OrderStat.ranks(w, null, 1, 3, 5).forward(x).value();
        assertThat(layer.forward(x).value()).isEqualTo(expected);
    }

    @Test
    void softWeightedApproachesTheHardFormAsSharpnessGrows() {
        Tensor[] in = Samplers.distanceInputs(rng, 4, 6, 3);
        WeightedOrderStat layer = new WeightedOrderStat(Var.constant(in[1]), null,
                Var.constant(Tensor.randn(rng, 3, 6)), Var.constant(Tensor.vector(0.3f, -0.2f, 0.05f)));
        layer.setHard(true);
        Tensor hard = layer.forward(Var.constant(in[0])).value();
        layer.setHard(false);
        layer.setSharpness(1e4);
        assertThat(layer.forward(Var.constant(in[0])).value().allClose(hard, 0, 1e-3f)).isTrue();
    }

    @Test
    void meanShiftSubtractsTheBatchMeanInTrainingAndTheRunningMeanInEvaluation() {
        MeanShift shift = new MeanShift(2);
        Tensor batch = Tensor.matrix(new float[] {1, 10}, new float[] {3, 30});
        assertThat(shift.forward(Var.constant(batch)).value().data()).containsExactly(-1, -10, 1, 10);
        assertThat(shift.runningMean().data()).containsExactly(0.2f, 2f);
        shift.forward(Var.constant(batch));
        assertThat(shift.runningMean().allClose(Tensor.vector(0.38f, 3.8f), 1e-6f, 0)).isTrue();
        shift.setTraining(false);
        Tensor y = shift.forward(Var.constant(Tensor.matrix(new float[] {1, 1}))).value();
        assertThat(y.allClose(Tensor.matrix(new float[] {0.62f, -2.8f}), 1e-6f, 1e-6f)).isTrue();
        assertThat(shift.runningMean().allClose(Tensor.vector(0.38f, 3.8f), 1e-6f, 0)).as("unchanged").isTrue();
    }

    @Test
    void identityInitialisationMakesADeepDistanceNetNearlyAnIdentityMap() {
        int features = 6;
        Sequential net = new Sequential(
                identityLayer(features, 12), new MeanShift(12),
                identityLayer(12, 12), new MeanShift(12));
        Tensor x = Samplers.uniform(rng, -1, 1, 64, features);
        Tensor y = net.forward(Var.constant(x)).value();
        for (int b = 0; b < 64; b++) {
            for (int j = 0; j < 12; j++) {
                // after the mean shift, output j is x_{j mod in} minus its batch mean
                double mean = 0;
                for (int c = 0; c < 64; c++) {
                    mean += x.get(c, j % features) / 64.0;
                }
                assertThat((double) y.get(b, j)).isCloseTo(x.get(b, j % features) - mean,
                        org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        assertThatThrownBy(() -> Init.identity(Tensor.zeros(3, 5), 10)).hasMessageContaining("in <= out");
    }

    private LinfDist identityLayer(int in, int out) {
        Tensor w = Samplers.uniform(rng, -1, 1, out, in); // |x - w| stays below 2 off the identity edge
        return new LinfDist(Var.param(Init.identity(w, Init.IDENTITY_VALUE)), null);
    }

    @Test
    void mismatchedInputsNameBothShapes() {
        LinfDist layer = new LinfDist(4, 3, false, rng);
        assertThatThrownBy(() -> layer.forward(Var.constant(Tensor.zeros(2, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 5]").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> OrderStat.kth(4, 3, 5, false, rng)).hasMessageContaining("[1, 4]");
    }

    /** SortNet's weighted top-K against the composed form: |x - w| by Var operations, sorted by hand. */
    @Test
    void sortNetIsTheWeightedTopKOfTheDistancesWithTiesToTheLowestIndex() {
        Random r = new Random(12);
        Tensor x = Tensor.of(new float[] {0.5f, -0.5f, 2, 0, 1, 1, -1, 3}, 2, 4); // |z| ties in the first row
        Tensor w = Tensor.randn(r, 3, 4);
        java.util.Arrays.fill(w.data(), 0, 4, 0f);
        SortNet layer = new SortNet(Var.constant(w), null, 0.5, 3, 1);
        layer.setTraining(false);
        float[] y = layer.forward(Var.constant(x)).value().data();
        float[] omega = layer.rankWeights();
        assertThat(omega[0] + omega[1] + omega[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(omega[0] / omega[1]).isCloseTo(2f, org.assertj.core.data.Offset.offset(1e-5f));
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                float[] magnitudes = new float[4];
                for (int i = 0; i < 4; i++) {
                    magnitudes[i] = Math.abs(x.get(b, i) - w.get(j, i));
                }
                java.util.Arrays.sort(magnitudes);
                float expected = omega[0] * magnitudes[3] + omega[1] * magnitudes[2] + omega[2] * magnitudes[1];
                assertThat(y[b * 3 + j]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        // row 0, neuron 0: |z| = (0.5, 0.5, 2, 0): the tie of inputs 0 and 1 at rank 2 and 3 goes to input 0 first
        org.linfgrad.backend.ArgReduction[] top = org.linfgrad.backend.Backends.current().topDistances(x, w, 3);
        assertThat(new int[] {top[0].indices()[0], top[1].indices()[0], top[2].indices()[0]}).containsExactly(2, 0, 1);
    }

    /**
     * The expectation trick: averaged over random subsets, the max over a subset is SortNet's weighted top-K (with
     * q = 0.75 and K = 10 of 64 inputs the truncated weights miss 1e-6). Draws from correlated generators, which
     * kept the same inputs draw after draw, were off by up to 1.9 here.
     */
    @Test
    void sortNetTrainingFormAveragesToItsEvaluationForm() {
        Random r = new Random(13);
        SortNet layer = new SortNet(64, 16, false, 0.75, 10, r);
        Tensor x = Tensor.randn(r, 4, 64);
        layer.setTraining(false);
        float[] exact = layer.forward(Var.constant(x)).value().data();
        layer.setTraining(true);
        int draws = 4000;
        double[] mean = new double[exact.length];
        for (int t = 0; t < draws; t++) {
            float[] y = layer.forward(Var.constant(x)).value().data();
            for (int e = 0; e < y.length; e++) {
                mean[e] += y[e] / draws;
            }
        }
        for (int e = 0; e < exact.length; e++) {
            // a draw is within 10 of the mean, so 4000 of them average to within 0.16 (a 1e-3 chance per output)
            assertThat(mean[e]).isCloseTo(exact[e], org.assertj.core.data.Offset.offset(0.2));
        }
    }
}
