package org.linfgrad.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.backend.simd.SimdBackend;
import org.linfgrad.tensor.Tensor;

/**
 * A fast backend's kernels against the reference on the conformance shapes: every extent from
 * {1, 2, L-1, L, L+1, 2L+3, 73} for L the simd vector length and for L the OpenCL work-group tile (16), so
 * vector tails and padded blocks and tiles are exercised, plus rows built to tie. Max, argmax and selections
 * must be identical; sums agree within 1e-6 + 4e-7 * n relative to the largest element, a tolerance that
 * grows with the length n of the sum. Each fast backend's test extends this class; the order statistics' cases
 * are in {@link OrderStatisticConformance}.
 */
public abstract class BackendConformanceTest implements OrderStatisticConformance {
    private static final int TILE = 16;
    static final int L = SimdBackend.lanes();
    private static final int[] EXTENTS = IntStream.of(1, 2, L - 1, L, L + 1, 2 * L + 3, 73,
            TILE - 1, TILE, TILE + 1, 2 * TILE + 3).filter(e -> e > 0).distinct().sorted().toArray();

    private final ReferenceBackend reference = new ReferenceBackend();

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        Random rng = new Random(5);
        for (int b : new int[] {1, 3, 2 * L + 3}) {
            for (int n : EXTENTS) {
                shapes.add(Arguments.of(b, n, EXTENTS[rng.nextInt(EXTENTS.length)]));
            }
        }
        for (int m : EXTENTS) {
            shapes.add(Arguments.of(2, 1 + rng.nextInt(40), m));
        }
        shapes.add(Arguments.of(5, 1500, 70)); // a long row
        return shapes.stream();
    }

    static void assertClose(Tensor actual, Tensor expected, int sumLength) {
        assertClose(actual, expected, sumLength, 0);
    }

    /**
     * Within (1e-6 + 4e-7 n + 2.4e-7 p) relative: the last term is the conditioning of u^p, which multiplies
     * the relative error of u (two float roundings, 2.4e-7 at most) by p.
     */
    private static void assertClose(Tensor actual, Tensor expected, int sumLength, float p) {
        assertCloseTo(actual, expected, sumLength, p, 1);
    }

    /** {@link #assertClose} relative to the largest element of {@code expected}, or {@code floor} if larger. */
    private static void assertCloseTo(Tensor actual, Tensor expected, int sumLength, float p, float floor) {
        float tolerance = 1e-6f + 4e-7f * sumLength + 2.4e-7f * p;
        assertThat(actual.shape()).containsExactly(expected.shape());
        float scale = floor; // norm-wise: sums with cancellation are judged against the largest element
        for (float want : expected.data()) {
            scale = Math.max(scale, Math.abs(want));
        }
        for (int e = 0; e < expected.size(); e++) {
            assertThat(actual.data()[e]).as("element %d", e)
                    .isCloseTo(expected.data()[e], org.assertj.core.data.Offset.offset(tolerance * scale));
        }
    }

    /** Dense L-inf and sparse L-inf at 75 % of the edges: values and argmax identical to the reference. */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource("shapes")
    void linfDistanceDenseAndSparseIsIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m);
        Tensor x = Tensor.randn(rng, b, n);
        Tensor w = Tensor.randn(rng, m, n);
        boolean[] mask = new boolean[m * n];
        for (int e = 0; e < mask.length; e++) {
            mask[e] = rng.nextInt(4) != 0;
        }
        for (EdgeList kept : new EdgeList[] {EdgeList.full(m, n), EdgeList.fromMask(mask, m, n)}) {
            assertSameSelection(reference.linfDist(x, w, kept), candidate().linfDist(x, w, kept));
        }
    }

    static void assertSameSelection(ArgReduction want, ArgReduction got) {
        assertThat(got.values()).isEqualTo(want.values());
        assertThat(got.indices()).containsExactly(want.indices());
    }

    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource("shapes")
    void lpDistanceForwardAndBackwardAgree(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 2);
        Tensor x = Tensor.randn(rng, b, n);
        Tensor w = Tensor.randn(rng, m, n);
        Tensor g = Tensor.randn(rng, b, m);
        EdgeList all = EdgeList.full(m, n);
        // one p for every path of the simd kernels: whole (1, 2, 1000), the vector pow, 8, powers of two above
        // (the forward's: 16 unflushed, 32 and 64 scaled by a bound, 128 by the max)
        for (float p : new float[] {1, 2, 2.5f, 8, 16, 32, 64, 128, 1000}) {
            Tensor want = reference.lpDist(x, w, all, p);
            Tensor got = candidate().lpDist(x, w, all, p);
            assertClose(got, want, n, p);
            Tensor[] wantGrads = reference.lpDistBackward(g, x, w, all, want, p);
            Tensor[] gotGrads = candidate().lpDistBackward(g, x, w, all, want, p);
            assertClose(gotGrads[0], wantGrads[0], m, p);
            assertClose(gotGrads[1], wantGrads[1], b, p);
        }
    }

    /**
     * Inputs and weights far from 0 but close to each other, where a bound max |x| + max |w| on |x - w| would
     * overshoot by 20x and 2000x (the simd forward's bound, from the rows' ranges, does not).
     */
    @Test
    void lpDistanceOfDistantButCloseVectorsAgrees() {
        Random rng = new Random(11);
        for (float offset : new float[] {10, 1000}) {
            Tensor x = Tensor.randn(rng, 3, 2 * L + 3);
            Tensor w = Tensor.randn(rng, 2 * L + 5, 2 * L + 3);
            for (Tensor t : new Tensor[] {x, w}) {
                for (int e = 0; e < t.size(); e++) {
                    t.data()[e] = offset + 0.5f * t.data()[e];
                }
            }
            EdgeList all = EdgeList.full(w.dim(0), w.dim(1));
            for (float p : new float[] {8, 16, 64}) {
                assertClose(candidate().lpDist(x, w, all, p), reference.lpDist(x, w, all, p), x.dim(1), p);
            }
        }
    }

    /**
     * Weights that are near copies of wide-ranging inputs: for a matching sample and neuron the bound
     * max(max x - min w, max w - min x) on |x - w| overshoots its max by about 400x, so a power sum scaled by
     * it underflows from p = 8 on and must be redone with the max.
     */
    @Test
    void lpDistanceOfNearCopiesOfWideInputsAgrees() {
        Random rng = new Random(12);
        Tensor x = Tensor.randn(rng, 3, 2 * L + 3);
        Tensor w = Tensor.randn(rng, 2 * L + 5, 2 * L + 3);
        for (int e = 0; e < x.size(); e++) {
            x.data()[e] *= 100;
        }
        for (int j = 0; j < w.dim(0); j++) {
            for (int i = 0; i < w.dim(1); i++) {
                w.data()[j * w.dim(1) + i] = x.data()[j % x.dim(0) * x.dim(1) + i] + 0.5f * w.data()[j * w.dim(1) + i];
            }
        }
        EdgeList all = EdgeList.full(w.dim(0), w.dim(1));
        for (float p : new float[] {8, 16, 32, 64}) {
            assertClose(candidate().lpDist(x, w, all, p), reference.lpDist(x, w, all, p), x.dim(1), p);
        }
    }

    /**
     * Upstream gradients of 1e-30, as deep layers receive them at p = 32: a backward that keeps the products
     * out of the subnormal range drops only terms below 1e-37, far inside the tolerance, which is relative to
     * the largest gradient here (not to 1, against which any gradient of 1e-30 would pass). At p = 16 the simd
     * backward scales g by 2^-15 and t by 2 here, and its cutoff with them.
     */
    @Test
    void lpBackwardOfTinyUpstreamGradientsAgrees() {
        Random rng = new Random(13);
        Tensor x = Tensor.randn(rng, 3, 4 * L + 3);
        Tensor w = Tensor.randn(rng, 2 * L + 5, 4 * L + 3);
        Tensor g = Tensor.randn(rng, 3, 2 * L + 5);
        for (int e = 0; e < g.size(); e++) {
            g.data()[e] *= 1e-30f;
        }
        EdgeList all = EdgeList.full(w.dim(0), w.dim(1));
        for (float p : new float[] {8, 16, 32, 128}) {
            Tensor y = reference.lpDist(x, w, all, p);
            Tensor[] want = reference.lpDistBackward(g, x, w, all, y, p);
            Tensor[] got = candidate().lpDistBackward(g, x, w, all, y, p);
            assertCloseTo(got[0], want[0], w.dim(0), p, 0);
            assertCloseTo(got[1], want[1], x.dim(0), p, 0);
        }
    }

    /**
     * The conformance shapes and some whose columns are whole matmul tiles (4 vectors), with rows a multiple of
     * the tile's 6 and not (the last tile repeating its last row).
     */
    static Stream<Arguments> matmulShapes() {
        int columns = 4 * L;
        return Stream.concat(shapes(), Stream.of(Arguments.of(6, 7, columns), Arguments.of(8, 33, 2 * columns),
                Arguments.of(12, 1, columns), Arguments.of(4, 40, columns + 1), Arguments.of(13, 5, columns)));
    }

    @ParameterizedTest(name = "n={0} k={1} m={2}")
    @MethodSource("matmulShapes")
    void matmulAndItsTransposesAgree(int n, int k, int m) {
        Random rng = new Random(n * 1000 + k * 10 + m + 3);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = ta ? Tensor.randn(rng, k, n) : Tensor.randn(rng, n, k);
                Tensor c = tb ? Tensor.randn(rng, m, k) : Tensor.randn(rng, k, m);
                assertClose(candidate().matmul(a, ta, c, tb), reference.matmul(a, ta, c, tb), k);
            }
        }
    }

    /** Every elementwise binary operation, same shapes and every broadcast a training step makes: identical. */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource("shapes")
    void elementwiseOperationsAreIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 6);
        Tensor a = Tensor.randn(rng, b, n);
        Tensor[] others = {Tensor.randn(rng, b, n), Tensor.randn(rng, n), Tensor.randn(rng, 1, n),
            Tensor.scalar(0.5f), Tensor.randn(rng, b, 1)};
        for (Binary op : Binary.values()) {
            for (Tensor other : others) {
                assertThat(candidate().zip(op, a, other)).as(op + " with " + other.rank() + "-d")
                        .isEqualTo(reference.zip(op, a, other));
                assertThat(candidate().zip(op, other, a)).as(other.rank() + "-d " + op)
                        .isEqualTo(reference.zip(op, other, a));
            }
        }
    }

    /** Large enough to be split across threads. */
    @Test
    void elementwiseOperationsOnLargeTensorsAreIdentical() {
        Random rng = new Random(12);
        Tensor a = Tensor.randn(rng, 64, 1024 + 3);
        for (Tensor other : new Tensor[] {Tensor.randn(rng, 64, 1024 + 3), Tensor.randn(rng, 1024 + 3)}) {
            for (Binary op : Binary.values()) {
                assertThat(candidate().zip(op, a, other)).isEqualTo(reference.zip(op, a, other));
            }
        }
    }

    /** The scatter behind every selecting neuron's backward, with indices that repeat: summed in the reference's order. */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource("shapes")
    void selectionBackwardIsIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 5);
        Tensor c = Tensor.randn(rng, b, m);
        int[] index = new int[b * m];
        for (int e = 0; e < index.length; e++) {
            index[e] = rng.nextInt(Math.min(n, 3)); // few distinct inputs: many collisions
        }
        Tensor[] want = reference.selectionBackward(c, index, n);
        Tensor[] got = candidate().selectionBackward(c, index, n);
        assertThat(got[0]).isEqualTo(want[0]);
        assertThat(got[1]).isEqualTo(want[1]);
    }

    /** Column sums (a batch mean, a bias gradient) and a row repeated down a batch: identical to the reference. */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource("shapes")
    void rowReductionsAndBroadcastsAreIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 9);
        Tensor x = Tensor.randn(rng, b, m);
        Tensor row = Tensor.randn(rng, m);
        assertThat(candidate().sum(x, 0)).isEqualTo(reference.sum(x, 0));
        assertThat(candidate().sum(x, -2)).isEqualTo(reference.sum(x, -2));
        assertThat(candidate().sumTo(x, m)).isEqualTo(reference.sumTo(x, m));
        assertThat(candidate().sumTo(x, 1, m)).isEqualTo(reference.sumTo(x, 1, m));
        assertThat(candidate().broadcastTo(row, b, m)).isEqualTo(reference.broadcastTo(row, b, m));
        assertThat(candidate().broadcastTo(row.reshape(1, m), b, m)).isEqualTo(reference.broadcastTo(row.reshape(1, m), b, m));
    }

    /** The conformance shapes and two with enough neurons for the simd backward's vector steps on every thread. */
    static Stream<Arguments> linfBackwardShapes() {
        return Stream.concat(shapes(), Stream.of(Arguments.of(3, 20, 300), Arguments.of(2 * L + 3, 73, 40 * L + 5)));
    }

    /**
     * The L-inf backward from the reference's argmax: identical to the reference, also where z is 0 at the
     * argmax (a sample equal to a neuron's weights: no gradient) and where many outputs share an input.
     */
    @ParameterizedTest(name = "B={0} N={1} M={2}")
    @MethodSource("linfBackwardShapes")
    void linfDistanceBackwardIsIdentical(int b, int n, int m) {
        Random rng = new Random(b * 1000 + n * 10 + m + 7);
        Tensor x = Tensor.of(roundedNormals(rng, b * n), b, n);
        Tensor w = Tensor.of(roundedNormals(rng, m * n), m, n);
        System.arraycopy(x.data(), 0, w.data(), 0, n); // neuron 0 sits on sample 0
        Tensor g = Tensor.randn(rng, b, m);
        int[] argmax = reference.linfDist(x, w, EdgeList.full(m, n)).indices();
        Tensor[] want = reference.linfDistBackward(g, x, w, argmax);
        Tensor[] got = candidate().linfDistBackward(g, x, w, argmax);
        assertThat(got[0]).isEqualTo(want[0]);
        assertThat(got[1]).isEqualTo(want[1]);
    }

    static float[] roundedNormals(Random rng, int count) {
        float[] v = new float[count];
        for (int e = 0; e < count; e++) {
            v[e] = Math.round(rng.nextGaussian() * 2) / 2f;
        }
        return v;
    }

    @Test
    void tiesGoToTheLowestIndexInEveryLaneAndAcrossLanes() {
        int n = 3 * L + 2;
        int m = 8 * L + 3; // two simd weight panels of 4 vectors and a tail
        Random rng = new Random(9);
        float[] x = new float[2 * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(3) - 1; // values in {-1, 0, 1}: |x - 0| ties everywhere
        }
        Tensor xs = Tensor.of(x, 2, n);
        Tensor w = Tensor.zeros(m, n);
        boolean[] mask = new boolean[m * n];
        for (int e = 0; e < mask.length; e++) {
            mask[e] = rng.nextBoolean();
        }
        for (EdgeList kept : new EdgeList[] {EdgeList.full(m, n), EdgeList.fromMask(mask, m, n)}) {
            assertSameSelection(reference.linfDist(xs, w, kept), candidate().linfDist(xs, w, kept));
        }
        ArgReduction zeros = candidate().linfDist(Tensor.zeros(1, n), w, EdgeList.full(m, n));
        assertThat(zeros.indices()).containsOnly(0);
    }

    @Test
    void lpOfIdenticalVectorsIsZeroWithoutNaN() {
        Tensor x = Tensor.randn(1, 2, 2 * L + 1);
        Tensor y = candidate().lpDist(x, x, EdgeList.full(2, 2 * L + 1), 8);
        assertThat(y.get(0, 0)).isZero();
        assertThat(y.get(1, 1)).isZero();
        Tensor[] grads = candidate().lpDistBackward(Tensor.ones(2, 2), x, x, EdgeList.full(2, 2 * L + 1), y, 8);
        for (float v : grads[0].data()) {
            assertThat(v).isFinite();
        }
    }
}
