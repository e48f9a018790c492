package org.linfgrad.gradcheck;

// OMIT FILE soft-order-backward: it works the rank gradient out by hand

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.tensor.Tensor;

/** The soft order statistic's oracle sees its rank gradient at low temperature, where central differences cannot. */
class SoftOrderOracleTest {

    /**
     * The case of the bug report: one neuron, z = (0, 1, 2), R = 2.05, Laplace kernel, cotangent 1. The exact
     * derivative with respect to the rank logit is 2 (d log T) a_3 ... worked out in double: 3.04e-7 at
     * tau = 0.05 (float32 backward gave 1.72e-7 before the fix).
     */
    @Test
    void softOrderRankGradientOfTheBugReport() {
        assertThat(rankLogitGradient(0.05)).isCloseTo(exactRankLogitGradient(0.05), within(1e-3 * 3.04e-7));
        assertThat(exactRankLogitGradient(0.05)).isCloseTo(3.04e-7, within(0.01e-7));
        double exact = exactRankLogitGradient(0.01);
        assertThat(rankLogitGradient(0.01)).isCloseTo(exact, within(1e-3 * Math.abs(exact)));
        assertThat(exact).isPositive();
    }

    @Test
    void softOrderOracleAgreesWithCentralDifferencesWhereTheyCanSee() {
        // at tau = 1 the rank gradient is of order 1, so both checks apply and must agree with backward
        GradCheckCase c = OracleCases.softOrder(SoftOrderStat.Kernel.LAPLACE, 1);
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(c.run(seed).passed()).isTrue();
            Tensor[] inputs = c.inputs().sample(new java.util.Random(seed));
            assertThat(GradCheck.check(c.name(), c.f(), GradCheck.Settings.DEFAULT, seed, inputs).passed()).isTrue();
        }
    }

    /** dy/dr of the one-neuron layer by backward in float32. */
    private static double rankLogitGradient(double tau) {
        Var x = Var.constant(Tensor.of(new float[] {0, 1, 2}, 1, 3));
        Var rankLogit = Var.param(Tensor.of(new float[] {(float) logit(0.525)}, 1));
        SoftOrderStat layer = new SoftOrderStat(Var.constant(Tensor.zeros(1, 3)), null, rankLogit,
                SoftOrderStat.Kernel.LAPLACE);
        layer.setTemperature(tau);
        try (Tape tape = Tape.open()) {
            tape.backward(layer.forward(x).sum());
        }
        return rankLogit.grad().data()[0];
    }

    /**
     * dy/dr = R'(r) sum_r z_r a_r sum_k a_k (d_r - d_k) with d = (-1, -1, +1) / tau the slopes of -|R - r| / tau
     * and R' = 2 sigmoid(r) (1 - sigmoid(r)), in double, with R the float32 rank the layer computes.
     */
    private static double exactRankLogitGradient(double tau) {
        double sigmoid = 1 / (1 + Math.exp(-(float) logit(0.525)));
        double rank = 1 + 2 * sigmoid;
        double[] logKernel = {-Math.abs(rank - 1) / tau, -Math.abs(rank - 2) / tau, -Math.abs(rank - 3) / tau};
        double[] slope = {-1 / tau, -1 / tau, 1 / tau};
        double sum = 0;
        for (double l : logKernel) {
            sum += Math.exp(l - logKernel[1]);
        }
        double total = 0;
        for (int r = 0; r < 3; r++) {
            double ar = Math.exp(logKernel[r] - logKernel[1]) / sum;
            double pairs = 0;
            for (int k = 0; k < 3; k++) {
                pairs += Math.exp(logKernel[k] - logKernel[1]) / sum * (slope[r] - slope[k]);
            }
            total += r * ar * pairs;
        }
        return total * 2 * sigmoid * (1 - sigmoid);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
