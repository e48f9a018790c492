package org.linfgrad.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.BackendConformanceTest;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.tensor.Tensor;

/** The simd backend against the reference on the conformance shapes. */
class SimdBackendTest extends BackendConformanceTest {
    private final SimdBackend simd = new SimdBackend();

    @Override
    public Backend candidate() {
        return simd;
    }

    /**
     * Windows trimmed by {@link RankWindows#bounded} (Laplace and Gaussian mixtures at temperatures 1 and 1.5,
     * which leave more than 64 ranks of nonzero weight at n = 1024): y within the stated bound of the
     * reference's, 2^-24 sum_r |a_jr| max_i |z_bi|, plus the rounding of both to float.
     */
    @Test
    void softOrderOverTrimmedWindowsIsWithinTheStatedBound() {
        Random rng = new Random(21);
        ReferenceBackend reference = new ReferenceBackend();
        int b = 5, n = 1024, m = 70;
        for (double tau : new double[] {1, 1.5}) {
            Tensor x = Tensor.randn(rng, b, n);
            Tensor w = Tensor.randn(rng, m, n);
            Tensor a = Tensor.zeros(m, n);
            for (int j = 0; j < m; j++) {
                double rank = 1 + (n - 1) * rng.nextDouble(), sum = 0;
                for (int r = 0; r < n; r++) {
                    double d = Math.abs(rank - (r + 1)) / tau;
                    a.data()[j * n + r] = (float) Math.exp(j % 2 == 0 ? -d : -d * d);
                    sum += a.data()[j * n + r];
                }
                for (int r = 0; r < n; r++) {
                    a.data()[j * n + r] /= (float) sum;
                }
            }
            assertThat(RankWindows.of(a).narrow()).isFalse();
            assertThat(RankWindows.bounded(a).narrow()).isTrue(); // the kernel selects, it does not sort
            float[] got = simd.softOrderStat(x, w, a).data(), want = reference.softOrderStat(x, w, a).data();
            for (int bi = 0; bi < b; bi++) {
                for (int j = 0; j < m; j++) {
                    double weight = 0, largest = 0;
                    for (int i = 0; i < n; i++) {
                        weight += Math.abs(a.data()[j * n + i]);
                        largest = Math.max(largest, Math.abs(x.data()[bi * n + i] - w.data()[j * n + i]));
                    }
                    float y = want[bi * m + j];
                    double bound = RankWindows.DROPPED * weight * largest + Math.ulp(y) + 1e-12;
                    assertThat((double) got[bi * m + j]).as("tau %s, b %d, j %d", tau, bi, j)
                            .isCloseTo(y, org.assertj.core.data.Offset.offset(bound));
                }
            }
        }
    }
}
