package org.linfgrad.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.tensor.Tensor;

/** The windows of a soft order statistic's weights leave out only ranks of weight 0, at both ends. */
class RankWindowsTest {

    @Test
    void onlyRanksOfWeightZeroAreDropped() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(1000);
            double rank = 1 + (n - 1) * rng.nextDouble(), tau = Math.exp(rng.nextGaussian() * 2);
            boolean gaussian = rng.nextBoolean();
            float[] a = new float[n];
            double nearest = Math.abs(rank - Math.round(rank)); // as a softmax, the heaviest weight is 1
            for (int r = 0; r < n; r++) {
                double d = Math.abs(rank - (r + 1)) / tau, dNearest = nearest / tau;
                a[r] = (float) Math.exp(gaussian ? dNearest * dNearest - d * d : dNearest - d);
            }
            RankWindows windows = RankWindows.of(Tensor.of(a, 1, n));
            int from = windows.from()[0], to = windows.to()[0];
            assertThat(from).isBetween(1, to);
            assertThat(to).isLessThanOrEqualTo(n);
            assertThat(rank).isBetween(from - 1.0, to + 1.0); // the heaviest ranks stay
            double dropped = 0;
            for (int r = 0; r < n; r++) {
                dropped += r + 1 < from || r + 1 > to ? a[r] : 0;
            }
            assertThat(dropped).isZero();
        }
    }

    /** Where float underflows: about 207 ranks for Laplace at temperature 1, about 21 for Gaussian. */
    @Test
    void theLayersMixturesAtTemperatureOneHaveNarrowWindows() {
        int n = 784;
        for (boolean gaussian : new boolean[] {false, true}) {
            float[] a = new float[n];
            for (int r = 0; r < n; r++) {
                double d = Math.abs(392.5 - (r + 1));
                a[r] = (float) Math.exp(gaussian ? -d * d : -d);
            }
            RankWindows windows = RankWindows.of(Tensor.of(a, 1, n));
            int width = windows.to()[0] - windows.from()[0] + 1;
            assertThat(width).isBetween(gaussian ? 19 : 200, gaussian ? 23 : 212);
        }
    }
}
