package org.linfgrad.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The weighted quantile's tests of a neuron's edge weights: when their sums are exact in any order. */
class OrderSelectTest {

    private static boolean exactInDouble(float... v) {
        return OrderSelect.exactSums(v, 0, v.length);
    }

    private static boolean exactInFloat(float... v) {
        double absolute = 0;
        for (float e : v) {
            absolute += Math.abs(e);
        }
        return OrderSelect.floatSums(v, 0, v.length, absolute);
    }

    /** Exact in double: every weight a multiple of the smallest ulp, their sum below 2^52 of it; finite only. */
    @Test
    void sumsAreExactInDoubleWhenTheWeightsSpanAtMost52Bits() {
        assertThat(exactInDouble(0.5f, 0.25f, -0.125f, 0f)).isTrue();
        assertThat(exactInDouble(0f, 0f)).isTrue();
        assertThat(exactInDouble(1f / 3, 1f / 7, 0.2f)).isTrue(); // 24-bit significands within 3 binades
        assertThat(exactInDouble(Float.MIN_VALUE, 3 * Float.MIN_VALUE)).isTrue();
        assertThat(exactInDouble(1f, 1e-30f)).isFalse(); // 1 is 2^76 ulps of 1e-30
        assertThat(exactInDouble(0x1p18f, 0x1p-10f)).isTrue(); // the sum just below 2^52 ulps of 2^-10 (2^19)...
        assertThat(exactInDouble(0x1p19f, 0x1p-10f)).isFalse(); // ...and just above it
        assertThat(exactInDouble(1f, Float.NaN)).isFalse();
        assertThat(exactInDouble(1f, Float.NEGATIVE_INFINITY)).isFalse();
    }

    /** Exact in float: every weight a multiple of the least set bit g among them, their sum at most 2^24 g. */
    @Test
    void sumsAreExactInFloatWhenTheWeightsAreMultiplesOfAFineEnoughGranule() {
        assertThat(exactInFloat(0.5f, 0.25f, 0.25f)).isTrue(); // g = 1/4
        assertThat(exactInFloat(1.5f, 0x1p-22f)).isTrue(); // g = 2^-22, sum below 2^2
        assertThat(exactInFloat(1.5f, 0x1p-24f)).isFalse(); // g = 2^-24, sum above 2^24 g = 1
        assertThat(exactInFloat(1f / 3, 1f / 3)).isFalse(); // an odd significand: g = its ulp 2^-25, sum 2/3 > 1/2
        assertThat(exactInFloat(Float.MIN_VALUE, 2 * Float.MIN_VALUE)).isTrue(); // subnormal bits weigh from 2^-149
        assertThat(exactInFloat(0x1p-126f, Float.MIN_VALUE)).isTrue(); // 2^-126 is 2^23 g, g = 2^-149
        assertThat(exactInFloat(0x1p-126f, 0x1p-126f, Float.MIN_VALUE)).isFalse(); // just past 2^24 g
        assertThat(exactInFloat(0f, 0f)).isTrue();
    }
}
