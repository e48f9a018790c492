package org.linfgrad.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.BackendConformanceTest;
import org.linfgrad.backend.RankedInputs;
import org.linfgrad.backend.SoftOrderOutput;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.tensor.Tensor;

/** The simd backend against the reference on the conformance shapes. */
class SimdBackendTest extends BackendConformanceTest {
    private final SimdBackend simd = new SimdBackend();
    private final ReferenceBackend reference = new ReferenceBackend();

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
            float[] got = simd.softOrderStat(x, w, a).y().data(), want = reference.softOrderStat(x, w, a).y().data();
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

    /**
     * The backward from the ranks the forward kept adds in the reference's order, so on windows that drop no
     * nonzero weight (here a random window of up to 64 ranks per neuron, every other weight 0) dL/dx and dL/dw
     * are the reference's bit for bit, and dL/da is too on every rank of a window (0 outside, where a is 0);
     * on tied rows as well, ties to the lowest index.
     */
    @Test
    void softOrderBackwardFromTheKeptRanksIsTheReferencesBitForBit() {
        Random rng = new Random(33);
        int b = 9, n = 300, m = 40;
        for (boolean tied : new boolean[] {false, true}) {
            Tensor x = normals(rng, tied, b, n), w = normals(rng, tied, m, n);
            Tensor g = Tensor.randn(rng, b, m);
            Tensor a = Tensor.zeros(m, n);
            int[] from = new int[m], to = new int[m];
            for (int j = 0; j < m; j++) {
                from[j] = rng.nextInt(n);
                to[j] = Math.min(n, from[j] + 1 + rng.nextInt(64));
                for (int r = from[j]; r < to[j]; r++) {
                    a.data()[j * n + r] = 0.01f + rng.nextFloat();
                }
            }
            SoftOrderOutput out = simd.softOrderStat(x, w, a);
            assertThat(out.ranked()).isNotNull(); // selected by counting, not sorted
            Tensor[] want = reference.softOrderStatBackward(g, x, w, a, null);
            Tensor[] got = simd.softOrderStatBackward(g, x, w, a, out.ranked());
            assertThat(got[0].data()).as("dL/dx, tied %s", tied).containsExactly(want[0].data());
            assertThat(got[1].data()).as("dL/dw, tied %s", tied).containsExactly(want[1].data());
            for (int j = 0; j < m; j++) {
                for (int r = 0; r < n; r++) {
                    float expected = r >= from[j] && r < to[j] ? want[2].data()[j * n + r] : 0;
                    assertThat(got[2].data()[j * n + r]).as("dL/da at j %d, r %d", j, r).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void softOrderBackwardRefusesRanksKeptForAnotherBatch() {
        Random rng = new Random(34);
        Tensor w = Tensor.randn(rng, 20, 30), a = Tensor.rand(rng, 20, 30);
        RankedInputs ofThree = simd.softOrderStat(Tensor.randn(rng, 3, 30), w, a).ranked();
        Tensor x = Tensor.randn(rng, 4, 30), g = Tensor.randn(rng, 4, 20);
        assertThatThrownBy(() -> simd.softOrderStatBackward(g, x, w, a, ofThree))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kept for another layer or batch (3 samples, 20 neurons)");
    }

    /** Standard normals, or for {@code tied} normals rounded to halves (many ties in every row). */
    private static Tensor normals(Random rng, boolean tied, int rows, int cols) {
        Tensor t = Tensor.randn(rng, rows, cols);
        if (tied) {
            for (int e = 0; e < t.data().length; e++) {
                t.data()[e] = Math.round(t.data()[e] * 2) / 2f;
            }
        }
        return t;
    }
}
