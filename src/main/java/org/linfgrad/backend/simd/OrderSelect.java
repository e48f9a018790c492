package org.linfgrad.backend.simd;

import java.util.Arrays;
import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.SortKey;
import org.linfgrad.tensor.Tensor;

/**
 * Order statistics of z_bji = x_bi - w_ji over i by counting instead of sorting: the k-th smallest z, a range
 * of ranks r1..r2 (the window of a soft order statistic), or the weighted quantile, the z at which the edge
 * weights v_ji, summed in ascending order of z, first exceed q_j. The walk visits blocks of
 * {@value DistanceForward#BLOCK} neurons for one sample ({@link BlockWalk}), and each row of a block is
 * selected on its own by passes along it ({@link RowPasses}): an opening pass gives its min and max and the
 * counts at two thresholds from a normal model (the means and variances of x_b and w_j), further counting
 * passes narrow its bracket ({@link LaneBrackets}), and the few inputs left inside finish the selection
 * ({@link BlockSelect}). The selections are exactly the reference's sort's, ties to the lowest index. Counts
 * are kept as floats (exact below 2^24 inputs). Weights are summed in float to narrow; a bracket that a weighing
 * pass listed is finished from that pass's float sum below it where the sum's rounding bound
 * ({@link #massError}) cannot change the answer, and otherwise the weight at or below both ends of the final
 * bracket is summed again in double, as the reference does; those sums are exact, so their order does not
 * matter, for neurons whose weights satisfy {@link #exactSums}, and a bracket that the float sums got wrong is
 * found and redone by sorting its row. The caller leaves rows with a non-finite z
 * ({@link #applies}) and neurons whose weights fail {@link #exactSums} to the reference.
 */
final class OrderSelect {
    private static final int BLOCK = DistanceForward.BLOCK;
    /**
     * A constant, so that the JIT compiles the vector code below into vector instructions: a species in a local
     * variable that a lambda captures is not a constant to it, and every vector was then an object on the heap
     * (the moments and the finiteness check allocated about 33 MB per call of 64 x 1024 x 1024).
     */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    /** The double additions' share of {@link #massError}, per unit of absolute edge weight. */
    private static final double IN_BRACKET_ERROR = 0x1p-40;

    private final float[] x;
    private final float[] w;
    private final float[] v;
    private final int batch;
    private final int inputs;
    private final int outputs;
    private final int paddedOutputs;
    private final RowPasses passes;
    /** The mean and variance of every row of x, and of w. */
    private final double[][] sampleMoments;
    private final double[][] neuronMoments;
    /** Per neuron: the target mass range (see {@link LaneBrackets}), the total mass, whether it is selected. */
    private final float[] low;
    private final float[] high;
    private final double[] total;
    /** Per neuron: how far a weighing pass's float mass may lie from the exact one ({@link #massError}). */
    private final double[] massError;
    /** Per neuron: its edge weight where all of its weights are equal (as a weighted layer starts), else NaN. */
    private final double[] equalWeight;
    /** Per neuron: n sum v^2 / (sum v)^2, how much more a weighing pass's mass varies than a count (1 unweighted). */
    private final double[] unevenness;
    private final boolean[] included;
    private final int maxWidth;

    private OrderSelect(Tensor x, Tensor w, Tensor v, float[] low, float[] high, boolean[] included) {
        this.x = x.data();
        this.w = w.data();
        this.v = v == null ? null : v.data();
        this.batch = x.dim(0);
        this.inputs = x.dim(1);
        this.outputs = w.dim(0);
        this.paddedOutputs = (outputs + BLOCK - 1) / BLOCK * BLOCK;
        this.passes = new RowPasses(this.x, this.w, this.v, inputs);
        this.sampleMoments = moments(this.x, batch, inputs);
        this.neuronMoments = moments(this.w, outputs, inputs);
        this.low = low;
        this.high = high;
        this.included = included;
        this.total = new double[outputs];
        this.massError = new double[outputs];
        this.equalWeight = new double[outputs];
        this.unevenness = new double[outputs];
        Arrays.fill(unevenness, 1);
        int widest = 1;
        for (int j = 0; j < outputs; j++) {
            total[j] = inputs;
            widest = v == null ? Math.max(widest, (int) (high[j] - low[j]) + 1) : 1;
        }
        if (v != null) { // exact sums for the neurons selected (exactSums), so in any order
            Parallel.forRange(outputs, (from, to) -> {
                for (int j = from; j < to; j++) {
                    double sum = 0, absolute = 0, squares = 0;
                    float first = this.v[j * inputs];
                    boolean equal = true;
                    for (int i = 0; i < inputs; i++) {
                        sum += this.v[j * inputs + i];
                        absolute += Math.abs(this.v[j * inputs + i]);
                        squares += (double) this.v[j * inputs + i] * this.v[j * inputs + i];
                        equal &= this.v[j * inputs + i] == first;
                    }
                    total[j] = sum;
                    unevenness[j] = sum > 0 ? Math.max(1, inputs * squares / (sum * sum)) : 1;
                    equalWeight[j] = equal ? first : Double.NaN;
                    massError[j] = equal || floatSums(this.v, j, inputs, absolute) ? 0
                            : RowPasses.weighedError(inputs, absolute) + IN_BRACKET_ERROR * absolute;
                }
            });
        }
        this.maxWidth = widest;
    }

    /** Whether every z is finite: the kernel's precondition (z then cannot overflow to infinity either). */
    static boolean applies(Tensor x, Tensor w) {
        return absMax(x.data()) + absMax(w.data()) <= Float.MAX_VALUE / 2;
    }

    /**
     * max_i |a_i|, or infinity when some a_i is NaN or infinite: the largest bits of |a_i| as ints (the order of
     * non-negative floats, with infinity and then NaN above every finite float), a vector max per element.
     */
    private static double absMax(float[] a) {
        IntVector largest = IntVector.zero(INT_SPECIES);
        int vectors = a.length - a.length % SPECIES.length();
        for (int e = 0; e < vectors; e += SPECIES.length()) {
            largest = largest.max(FloatVector.fromArray(SPECIES, a, e).reinterpretAsInts().and(0x7fffffff));
        }
        int bits = largest.reduceLanes(VectorOperators.MAX);
        for (int e = vectors; e < a.length; e++) {
            bits = Math.max(bits, Float.floatToRawIntBits(a[e]) & 0x7fffffff);
        }
        return bits > Float.floatToRawIntBits(Float.MAX_VALUE) ? Double.POSITIVE_INFINITY : Float.intBitsToFloat(bits);
    }

    /**
     * Whether every partial sum of neuron j's edge weights is exact in double, whatever the order: all are
     * finite multiples of the smallest ulp among them, and their absolute sum stays below 2^52 of those ulps.
     */
    static boolean exactSums(float[] v, int j, int inputs) {
        float smallest = Float.POSITIVE_INFINITY; // the smallest nonzero |v|, whose ulp is the smallest of all
        double total = 0;
        for (int i = 0; i < inputs; i++) {
            float e = Math.abs(v[j * inputs + i]);
            if (!(e <= Float.MAX_VALUE)) {
                return false;
            }
            if (e != 0 && e < smallest) {
                smallest = e;
            }
            total += e;
        }
        return total < 0x1p52 * Math.ulp(smallest); // all zero: 0 < the ulp of infinity, infinity
    }

    /**
     * Whether every partial sum of neuron j's edge weights is exact in float, whatever the order: all are
     * multiples of the least significant bit g that any of them has set, and their absolute sum is at most
     * 2^24 g, so every partial sum is a multiple of g of at most 24 bits (uniform weights 1/2^k, say).
     */
    static boolean floatSums(float[] v, int j, int inputs, double absolute) {
        int lowest = Integer.MAX_VALUE; // g = 2^(lowest - 150): a float's bit k of biased exponent E is 2^(E - 150 + k)
        for (int i = 0; i < inputs; i++) {
            int bits = Float.floatToRawIntBits(v[j * inputs + i]) & 0x7fffffff;
            if (bits != 0) {
                int exponent = bits >>> 23; // 0 for a subnormal, whose bits weigh as those of exponent 1
                int significand = (bits & 0x7fffff) | (exponent > 0 ? 0x800000 : 0);
                lowest = Math.min(lowest, Math.max(exponent, 1) + Integer.numberOfTrailingZeros(significand));
            }
        }
        return absolute <= 0x1p24 * Math.scalb(1.0, lowest - 150);
    }

    /** The k_j-th smallest z_bji (1-based, validated by the caller) and its index. */
    static ArgReduction kth(Tensor x, Tensor w, int[] k) {
        return ranks(x, w, k, k).single();
    }

    /** The selects of ranks from_j..to_j (1-based, from_j &lt;= to_j, validated by the caller) of every row. */
    static OrderSelect ranks(Tensor x, Tensor w, int[] from, int[] to) {
        float[] low = new float[from.length], high = new float[to.length];
        for (int j = 0; j < from.length; j++) {
            low[j] = from[j] - 1;
            high[j] = to[j] - 1;
        }
        return new OrderSelect(x, w, null, low, high, null);
    }

    /**
     * The weighted quantile of {@link org.linfgrad.backend.Backend#weightedQuantile} for the neurons with
     * {@code included[j]}; the outputs of the others are left 0 for the caller to fill.
     */
    static ArgReduction weightedQuantile(Tensor x, Tensor w, Tensor v, Tensor q, boolean[] included) {
        return new OrderSelect(x, w, v, q.data(), q.data(), included).single();
    }

    /** Runs the select of every (sample, block), then {@code visit} with the thread's own state. */
    <S> void walk(Supplier<S> state, Visit<S> visit) {
        BlockWalk.run(paddedOutputs / BLOCK, batch, () -> new Chunk<>(new BlockSelect(this), state.get()),
                (chunk, b, j0) -> {
                    chunk.select().select(b, j0);
                    visit.run(chunk.state(), chunk.select(), b, j0);
                });
    }

    /** What to do with the selections of one block of neurons for sample b. */
    @FunctionalInterface
    interface Visit<S> {
        void run(S state, BlockSelect selected, int b, int j0);
    }

    private record Chunk<S>(BlockSelect select, S state) {}

    /** The one selected input of every row, and its z. */
    private ArgReduction single() {
        float[] y = new float[batch * outputs];
        int[] arg = new int[batch * outputs];
        walk(() -> null, (none, selected, b, j0) -> {
            for (int l = 0; l < BLOCK; l++) {
                if (selected.active(l)) {
                    int j = j0 + l, i = selected.index(l, 0);
                    y[b * outputs + j] = z(b, j, i);
                    arg[b * outputs + j] = i;
                }
            }
        });
        return new ArgReduction(Tensor.of(y, batch, outputs), arg);
    }

    /** Sets lane l of {@code brackets} to neuron j's target (idle past the last neuron or when excluded). */
    void target(int j, LaneBrackets brackets, int l) {
        if (j < outputs && (included == null || included[j])) {
            brackets.target(l, low[j], high[j], total[j], unevenness[j]);
        } else {
            brackets.idle(l);
        }
    }

    float z(int b, int j, int i) {
        return x[b * inputs + i] - w[j * inputs + i];
    }

    /**
     * For neuron j, a bound on how far an interval end c_r = (a weighing pass's float mass below a bracket) +
     * (the weights of the ranks inside up to r, added in double) may lie from the exact end: the pass's error
     * ({@link RowPasses#weighedError}) plus the double additions' (at most {@link BlockSelect}'s 64 listed
     * weights, each adding a rounding of at most 2^-52 times twice the absolute weight: below 2^-40 of it);
     * 0 where every sum is exact: equal weights ({@link #mass}) or weights whose float sums are ({@link #floatSums}).
     */
    double massError(int j) {
        return massError[j];
    }

    /**
     * The mass of the {@code count} inputs whose weights a pass summed in float to {@code weighed}: for a neuron
     * whose weights all equal v, count v, which is exact in double (a count below 2^24 times a float) and is
     * the reference's sum of count v's (exact by {@link #exactSums}); else the float sum, within
     * {@link #massError}.
     */
    double mass(int j, float count, float weighed) {
        return Double.isNaN(equalWeight[j]) ? weighed : count * equalWeight[j];
    }

    float edgeWeight(int j, int i) {
        return v[j * inputs + i];
    }

    /** The reference's weighted quantile of one row: sort it and sum the weights in order. */
    int sortedRow(int b, int j) {
        long[] row = new long[inputs];
        for (int i = 0; i < inputs; i++) {
            row[i] = SortKey.of(z(b, j, i), i);
        }
        Arrays.sort(row);
        double upper = 0;
        for (long k : row) {
            upper += v[j * inputs + SortKey.index(k)];
            if (low[j] < upper) {
                return SortKey.index(k);
            }
        }
        return SortKey.index(row[inputs - 1]);
    }

    /** The reference's ranks low_j + 1..high_j + 1 of one row, by sorting it, into out from {@code at}. */
    void sortedRanks(int b, int j, int[] out, int at) {
        long[] row = new long[inputs];
        for (int i = 0; i < inputs; i++) {
            row[i] = SortKey.of(z(b, j, i), i);
        }
        Arrays.sort(row);
        for (int r = (int) low[j]; r <= (int) high[j]; r++) {
            out[at + r - (int) low[j]] = SortKey.index(row[r]);
        }
    }

    /**
     * The mean and variance of every row of a [rows, inputs] (float sums: a model's figures), and its min and
     * max, on all threads.
     */
    private static double[][] moments(float[] a, int rows, int inputs) {
        double[] mean = new double[rows], variance = new double[rows], min = new double[rows], max = new double[rows];
        int vectors = inputs - inputs % SPECIES.length();
        Parallel.forRange(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                FloatVector sum = FloatVector.zero(SPECIES), squares = sum;
                FloatVector low = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY);
                FloatVector high = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
                for (int i = 0; i < vectors; i += SPECIES.length()) {
                    FloatVector e = FloatVector.fromArray(SPECIES, a, r * inputs + i);
                    sum = sum.add(e);
                    squares = e.fma(e, squares);
                    low = low.min(e);
                    high = high.max(e);
                }
                double s = sum.reduceLanes(VectorOperators.ADD), q = squares.reduceLanes(VectorOperators.ADD);
                double lo = low.reduceLanes(VectorOperators.MIN), hi = high.reduceLanes(VectorOperators.MAX);
                for (int i = vectors; i < inputs; i++) {
                    double e = a[r * inputs + i];
                    s += e;
                    q += e * e;
                    lo = Math.min(lo, e);
                    hi = Math.max(hi, e);
                }
                mean[r] = s / inputs;
                variance[r] = Math.max(0, q / inputs - mean[r] * mean[r]);
                min[r] = lo;
                max[r] = hi;
            }
        });
        return new double[][] {mean, variance, min, max};
    }

    /**
     * A float at or below every z_bji: fl(min x_b - max w_j), since rounding is monotonic and every
     * x_bi - w_ji is at least min x_b - max w_j.
     */
    float lowerBound(int b, int j) {
        return (float) sampleMoments[2][b] - (float) neuronMoments[3][j];
    }

    /** A float at or above every z_bji: fl(max x_b - min w_j). */
    float upperBound(int b, int j) {
        return (float) sampleMoments[3][b] - (float) neuronMoments[2][j];
    }

    /** The mean of the row z_bj: the centre of the first guess. */
    double modelMean(int b, int j) {
        return sampleMoments[0][b] - neuronMoments[0][j];
    }

    /**
     * The standard deviation of z_bj if x_b and w_j were uncorrelated, sqrt(var x_b + var w_j): the first
     * guess's spread, known before any pass over the row (the exact one needs the product x_b . w_j, a pass
     * or a matmul). A weight row that resembles the input makes it too wide, which costs a counting pass or
     * two, never a wrong answer.
     */
    double modelDeviation(int b, int j) {
        return Math.sqrt(sampleMoments[1][b] + neuronMoments[1][j]);
    }

    boolean weighted() {
        return v != null;
    }

    int maxWidth() {
        return maxWidth;
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return outputs;
    }

    int batch() {
        return batch;
    }

    RowPasses passes() {
        return passes;
    }

}
