package org.linfgrad.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.tensor.Tensor;

/**
 * The windows of a soft order statistic's weights leave out only ranks of weight 0, at both ends ({@code of});
 * the bounded ones ({@code bounded}) trim a window wider than 64 ranks by at most 2^-24 of the row's weight.
 */
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

    /** Narrow windows as {@code of} gives them; wide ones trimmed within 2^-24 of the row's weight, heaviest kept. */
    @Test
    void boundedWindowsTrimOnlyWideWindowsAndWithinTheBound() {
        Random rng = new Random(4);
        int trimmed = 0;
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(1500);
            double rank = 1 + (n - 1) * rng.nextDouble(), tau = Math.exp(rng.nextGaussian() * 2);
            boolean gaussian = rng.nextBoolean();
            float[] a = new float[n];
            double total = 0;
            for (int r = 0; r < n; r++) {
                double d = Math.abs(rank - (r + 1)) / tau;
                a[r] = (float) Math.exp(gaussian ? -d * d : -d);
                total += a[r];
            }
            RankWindows exact = RankWindows.of(Tensor.of(a, 1, n));
            RankWindows bounded = RankWindows.bounded(Tensor.of(a, 1, n));
            int from = bounded.from()[0], to = bounded.to()[0];
            if (exact.to()[0] - exact.from()[0] + 1 <= RankWindows.MAX_WIDTH) {
                assertThat(from).isEqualTo(exact.from()[0]);
                assertThat(to).isEqualTo(exact.to()[0]);
                continue;
            }
            trimmed += from != exact.from()[0] || to != exact.to()[0] ? 1 : 0;
            assertThat(from).isBetween(exact.from()[0], to);
            assertThat(to).isLessThanOrEqualTo(exact.to()[0]);
            assertThat(rank).isBetween(from - 1.0, to + 1.0);
            double dropped = 0;
            for (int r = 0; r < n; r++) {
                dropped += r + 1 < from || r + 1 > to ? a[r] : 0;
            }
            assertThat(dropped).isLessThanOrEqualTo(RankWindows.DROPPED * total);
        }
        assertThat(trimmed).isGreaterThan(20);
    }

    /** The bench's weights (Laplace, temperature 1, a middle rank): 33 ranks left of about 207. */
    @Test
    void theLaplaceMixtureAtTemperatureOneIsTrimmedToAboutThirtyThreeRanks() {
        int n = 1024;
        float[] a = new float[n];
        for (int r = 0; r < n; r++) {
            a[r] = (float) Math.exp(-Math.abs(512.3 - (r + 1)));
        }
        RankWindows windows = RankWindows.bounded(Tensor.of(a, 1, n));
        assertThat(windows.to()[0] - windows.from()[0] + 1).isBetween(31, 35);
        assertThat(windows.narrow()).isTrue();
    }
}
