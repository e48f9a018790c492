package org.linfgrad.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.linfgrad.backend.BackendConformanceTest.assertClose;
import static org.linfgrad.backend.BackendConformanceTest.assertSameSelection;
import static org.linfgrad.backend.BackendConformanceTest.L;
import static org.linfgrad.backend.BackendConformanceTest.roundedNormals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.tensor.Tensor;

/**
 * The order statistics of a fast backend against the reference, on {@link BackendConformanceTest}'s shapes:
 * the k-th and the median (selections identical, ties included), the weighted quantile, and the soft order
 * statistic (sums within the conformance tolerance). {@link BackendConformanceTest} runs these for each backend.
 */
interface OrderStatisticConformance {
    String SHAPES = "org.linfgrad.backend.BackendConformanceTest#shapes";
    ReferenceBackend REFERENCE = new ReferenceBackend();

    /** The backend under test. */
    Backend candidate();

    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource(SHAPES)
    default void orderStatisticsAreIdenticalAndSoftOrderAgrees(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 4);
        Tensor x = Tensor.of(roundedNormals(rng, b * n), b, n); // rounded: many ties
        Tensor w = Tensor.of(roundedNormals(rng, m * n), m, n);
        int[] k = new int[m];
        for (int j = 0; j < m; j++) {
            k[j] = 1 + rng.nextInt(n);
        }
        assertSameSelection(REFERENCE.orderStat(x, w, k), candidate().orderStat(x, w, k));
        Tensor a = Tensor.rand(rng, m, n);
        Tensor g = Tensor.randn(rng, b, m);
        SoftOrderOutput out = candidate().softOrderStat(x, w, a);
        assertThat(out.y()).isEqualTo(REFERENCE.softOrderStat(x, w, a).y());
        Tensor[] wantGrads = REFERENCE.softOrderStatBackward(g, x, w, a, null);
        for (RankedInputs ranked : new RankedInputs[] {out.ranked(), null}) { // kept by the forward, or none
            Tensor[] gotGrads = candidate().softOrderStatBackward(g, x, w, a, ranked);
            for (int t = 0; t < 3; t++) {
                assertClose(gotGrads[t], wantGrads[t], b);
            }
        }
    }

    /**
     * The soft order statistic with the mixtures its layer makes (Laplace and Gaussian kernels, temperatures
     * 0.05 to 2, ranks at 1, inside and at n), on continuous and tied rows: a fast backend may leave out the
     * ranks of weight 0, so y, dL/dx and dL/dw agree within the tolerance, and dL/da agrees where it reaches
     * the rank upstream, weighted by a.
     */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource(SHAPES)
    default void softOrderWithTheLayersMixturesAgrees(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 9);
        for (boolean rounded : new boolean[] {false, true}) {
            Tensor x = normalsOrTies(rng, rounded, b, n);
            Tensor w = normalsOrTies(rng, rounded, m, n);
            Tensor g = Tensor.randn(rng, b, m);
            boolean gaussian = rng.nextBoolean();
            double tau = new double[] {0.05, 0.3, 1, 2}[rng.nextInt(4)];
            Tensor a = layerMixture(rng, m, n, tau, gaussian);
            SoftOrderOutput out = candidate().softOrderStat(x, w, a);
            assertClose(out.y(), REFERENCE.softOrderStat(x, w, a).y(), n);
            Tensor[] want = REFERENCE.softOrderStatBackward(g, x, w, a, null);
            Tensor[] got = candidate().softOrderStatBackward(g, x, w, a, out.ranked());
            assertClose(got[0], want[0], m);
            assertClose(got[1], want[1], b);
            assertClose(weighted(got[2], a), weighted(want[2], a), b);
        }
    }

    /** a_jr = T(|R_j - r| / tau) / sum_k T(|R_j - k| / tau), T Laplace or Gaussian, R_j at 1, n or in between. */
    private static Tensor layerMixture(Random rng, int m, int n, double tau, boolean gaussian) {
        Tensor a = Tensor.zeros(m, n);
        for (int j = 0; j < m; j++) {
            double rank = j % 3 == 0 ? 1 : j % 3 == 1 ? n : 1 + (n - 1) * rng.nextDouble();
            double sum = 0;
            for (int r = 0; r < n; r++) {
                double d = Math.abs(rank - (r + 1)) / tau;
                a.data()[j * n + r] = (float) Math.exp(gaussian ? -d * d : -d);
                sum += a.data()[j * n + r];
            }
            for (int r = 0; r < n; r++) {
                a.data()[j * n + r] /= (float) sum;
            }
        }
        return a;
    }

    private static Tensor weighted(Tensor t, Tensor a) {
        float[] out = t.data().clone();
        for (int e = 0; e < out.length; e++) {
            out[e] *= a.data()[e];
        }
        return Tensor.of(out, t.shape());
    }

    /**
     * The ranks the layers use (1, the two middle ranks of the median, n) and random ranks, on continuous rows
     * and on rows rounded to halves (many ties): values and indices identical.
     */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource(SHAPES)
    default void orderStatisticsAtEveryRankAreIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 7);
        for (boolean rounded : new boolean[] {false, true}) {
            Tensor x = normalsOrTies(rng, rounded, b, n);
            Tensor w = normalsOrTies(rng, rounded, m, n);
            int[][] rankings = new int[5][m];
            for (int j = 0; j < m; j++) {
                rankings[0][j] = 1;
                rankings[1][j] = Math.max(1, n / 2);
                rankings[2][j] = Math.min(n, n / 2 + 1);
                rankings[3][j] = n;
                rankings[4][j] = 1 + rng.nextInt(n);
            }
            for (int[] k : rankings) {
                assertSameSelection(REFERENCE.orderStat(x, w, k), candidate().orderStat(x, w, k));
            }
        }
    }

    /**
     * SortNet's k largest distances (k = 1, SortNet's 10 where it fits, a random k and k = n), on continuous
     * rows and on rows rounded to halves (ties to the lowest index): every rank's values and inputs identical.
     */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource(SHAPES)
    default void topDistancesAreIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 9);
        for (boolean rounded : new boolean[] {false, true}) {
            Tensor x = normalsOrTies(rng, rounded, b, n);
            Tensor w = normalsOrTies(rng, rounded, m, n);
            for (int k : new int[] {1, Math.min(10, n), 1 + rng.nextInt(n), n}) {
                ArgReduction[] want = REFERENCE.topDistances(x, w, k);
                ArgReduction[] got = candidate().topDistances(x, w, k);
                assertThat(got).hasSameSizeAs(want);
                for (int r = 0; r < k; r++) {
                    assertSameSelection(want[r], got[r]);
                }
            }
        }
    }

    /**
     * Rows of one value, of a few values, with outliers, with both zeros, and with infinities: the order
     * statistics and the k largest distances identical.
     */
    @Test
    default void orderStatisticsOfTiedOutlyingAndSignedZeroRowsAreIdentical() {
        Random rng = new Random(14);
        int n = 300, m = 2 * L + 5;
        float[][] rows = {
            new float[] {0.5f}, // every z equal: hundreds of ties in one bracket
            new float[] {-1f, 0f, 1f}, // three values
            new float[] {1e-30f, -1e-30f, 2e-30f, 1e30f, -1e30f, 3e-30f}, // tiny values and outliers
            new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE}, // both zeros and the smallest floats
            new float[] {1f, 2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}, // left to the reference
        };
        for (float[] values : rows) {
            float[] xs = new float[3 * n];
            for (int e = 0; e < xs.length; e++) {
                xs[e] = values[rng.nextInt(values.length)];
            }
            Tensor x = Tensor.of(xs, 3, n);
            Tensor w = Tensor.zeros(m, n);
            for (int e = 0; e < w.size(); e += 7) {
                w.data()[e] = values[rng.nextInt(values.length)] == 0.5f ? 0 : -0f;
            }
            int[] k = new int[m];
            for (int j = 0; j < m; j++) {
                k[j] = j < 3 ? new int[] {1, n / 2, n}[j] : 1 + rng.nextInt(n);
            }
            assertSameSelection(REFERENCE.orderStat(x, w, k), candidate().orderStat(x, w, k));
            for (int top : new int[] {1, 10, n}) {
                ArgReduction[] want = REFERENCE.topDistances(x, w, top);
                ArgReduction[] got = candidate().topDistances(x, w, top);
                for (int r = 0; r < top; r++) {
                    assertSameSelection(want[r], got[r]);
                }
            }
        }
    }

    /**
     * The weighted quantile on continuous and tied rows, with positive weights summing to about 1 per neuron
     * and quantiles across [0, 1] and beyond (the last input): the selection identical.
     */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource(SHAPES)
    default void weightedQuantileIsIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 8);
        for (boolean rounded : new boolean[] {false, true}) {
            Tensor x = normalsOrTies(rng, rounded, b, n);
            Tensor w = normalsOrTies(rng, rounded, m, n);
            Tensor v = positiveWeights(rng, m, n);
            Tensor q = Tensor.rand(rng, m);
            q.data()[0] = 0.5f;
            if (m > 2) {
                q.data()[1] = 1f;
                q.data()[2] = 0f;
            }
            assertSameSelection(REFERENCE.weightedQuantile(x, w, v, q), candidate().weightedQuantile(x, w, v, q));
        }
    }

    /**
     * The soft weighted order statistic (the weighted layer's training form, at its sharpness 10 and a steep
     * 200): y identical, the gradients within the tolerance (dL/dx sums over the M neurons, dL/dw and dL/dv
     * over the samples, dL/dq over samples and ranks).
     */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource(SHAPES)
    default void softWeightedOrderStatisticAgrees(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 11);
        Tensor x = normalsOrTies(rng, false, b, n);
        Tensor w = normalsOrTies(rng, false, m, n);
        Tensor v = positiveWeights(rng, m, n);
        Tensor q = Tensor.rand(rng, m);
        Tensor g = Tensor.randn(rng, b, m);
        for (float a : new float[] {10, 200}) {
            assertThat(candidate().weightedOrderStat(x, w, v, q, a))
                    .isEqualTo(REFERENCE.weightedOrderStat(x, w, v, q, a));
            Tensor[] want = REFERENCE.weightedOrderStatBackward(g, x, w, v, q, a);
            Tensor[] got = candidate().weightedOrderStatBackward(g, x, w, v, q, a);
            assertClose(got[0], want[0], m);
            assertClose(got[1], want[1], b);
            assertClose(got[2], want[2], b);
            assertClose(got[3], want[3], b * n);
        }
    }

    /** A gradient, edge weights or quantiles of the wrong shape are refused by name, not read out of bounds. */
    @Test
    default void softWeightedOrderStatisticRefusesWrongShapes() {
        Tensor x = Tensor.zeros(3, 4), w = Tensor.zeros(2, 4), v = Tensor.full(0.25f, 2, 4), q = Tensor.zeros(2);
        Tensor g = Tensor.zeros(3, 2);
        assertThatThrownBy(() -> candidate().weightedOrderStatBackward(Tensor.zeros(3, 3), x, w, v, q, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weightedOrderStatBackward gradient");
        assertThatThrownBy(() -> candidate().weightedOrderStatBackward(g, x, w, v, Tensor.zeros(3), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantiles");
    }

    /**
     * Quantiles exactly on the boundary of two inputs' intervals (equal weights 1/64), weights so uneven that
     * sums in another order would round differently (1 and 1e-30), and negative and large quantiles.
     */
    @Test
    default void weightedQuantileOnBoundariesAndWithRoundingWeightsIsIdentical() {
        Random rng = new Random(15);
        int n = 64, m = 4 * L + 3;
        Tensor x = Tensor.randn(rng, 5, n);
        Tensor w = Tensor.randn(rng, m, n);
        Tensor v = Tensor.full(1f / n, m, n);
        for (int i = 0; i < n; i++) {
            v.data()[i] = i % 2 == 0 ? 1f : 1e-30f; // neuron 0: its sums depend on the order
        }
        Tensor q = Tensor.zeros(m);
        for (int j = 0; j < m; j++) {
            q.data()[j] = j < 4 ? new float[] {-0.5f, 0.5f, 1f, 2f}[j] : rng.nextInt(n + 1) / (float) n;
        }
        assertSameSelection(REFERENCE.weightedQuantile(x, w, v, q), candidate().weightedQuantile(x, w, v, q));
    }

    /**
     * Quantiles within a float rounding of an interval end, q_j the float nearest to the end c_r of a random
     * rank r in sample 0's row (the reference's double sum), for edge weights k 2^-40 with k in [2^23, 2^24)
     * (their sums are exact in double but not in float) and for equal weights 1/1000 (a weighted layer starts
     * with equal weights; r / 1000 is not a float). A kernel that trusted float sums there would pick the
     * neighbouring input for some of them.
     */
    @ParameterizedTest(name = "equal weights {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    default void weightedQuantileNextToAnIntervalEndIsIdentical(boolean equal) {
        Random rng = new Random(16);
        int b = 3, n = 1024, m = 48;
        Tensor x = Tensor.randn(rng, b, n);
        Tensor w = Tensor.randn(rng, m, n);
        Tensor v = Tensor.zeros(m, n);
        for (int e = 0; e < m * n; e++) {
            v.data()[e] = equal ? 1e-3f : (float) ((0x1p23 + rng.nextInt(1 << 23)) * 0x1p-40);
        }
        Tensor q = Tensor.zeros(m);
        for (int j = 0; j < m; j++) {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = SortKey.of(x.data()[i] - w.data()[j * n + i], i);
            }
            java.util.Arrays.sort(keys);
            int rank = 1 + rng.nextInt(n - 1);
            double end = 0;
            for (int r = 0; r < rank; r++) {
                end += v.data()[j * n + SortKey.index(keys[r])];
            }
            q.data()[j] = (float) end;
        }
        assertSameSelection(REFERENCE.weightedQuantile(x, w, v, q), candidate().weightedQuantile(x, w, v, q));
    }

    private static Tensor positiveWeights(Random rng, int m, int n) {
        Tensor v = Tensor.rand(rng, m, n);
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                v.data()[j * n + i] += 0.05f;
                sum += v.data()[j * n + i];
            }
            for (int i = 0; i < n; i++) {
                v.data()[j * n + i] /= (float) sum;
            }
        }
        return v;
    }

    /** Standard normals, or normals rounded to halves (many ties), as a [rows, cols] tensor. */
    private static Tensor normalsOrTies(Random rng, boolean rounded, int rows, int cols) {
        return rounded ? Tensor.of(roundedNormals(rng, rows * cols), rows, cols) : Tensor.randn(rng, rows, cols);
    }
}
