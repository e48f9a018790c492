package org.linfgrad.backend.simd;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.SortKey;
import org.linfgrad.tensor.Tensor;

/**
 * Hard order statistics of z_bji = x_bi - w_ji over i by counting instead of sorting, with lanes across output
 * neurons (the weight panels of {@link DistanceForward}: one broadcast of x_bi meets 4 vectors of neurons).
 * The target of a lane is the k-th smallest z, or for the weighted quantile the z at which the edge weights
 * v_ji, summed in ascending order, first exceed q_j. Every lane keeps a bracket (lo, hi] of values known to hold
 * its target, with the number of inputs and the weight at or below each end, and every pass over the inputs
 * narrows all brackets at once:
 * <ol>
 *   <li>one pass for the sum of squares, min and max of every row: the first bracket is (just below min, max],
 *       and a normal model of the row (its mean comes from the row sums of x and w) places the first guesses;
 *   <li>counting passes, each counting z <= t (and summing v there) at two thresholds per lane placed either
 *       side of where the target should be (the normal model, then linear interpolation inside the bracket,
 *       then thirds of the bracket's order-preserving integer image whenever a pass failed to halve it, so
 *       that every bracket closes in a bounded number of passes), until each bracket holds at most
 *       {@value #CAPACITY} inputs or a single value; a vector whose lanes are all done is no longer counted;
 *   <li>one pass that lists the inputs inside each bracket (a compress per vector, no branch per input);
 *       their (value, index) keys ({@link SortKey}) in ascending order finish the selection exactly as the
 *       reference's sort does, ties to the lowest index. A bracket of a single value is finished in index
 *       order whatever the number of ties.
 * </ol>
 * The selections are exactly the reference's. Counts are kept as floats (exact below 2^24 inputs). Weights are
 * summed in float to narrow, then the weight at or below both ends of the final bracket is summed again in
 * double, as the reference does; those sums are exact, so their order does not matter, for neurons whose
 * weights satisfy {@link #exactSums}, and a bracket that the float sums got wrong is found and redone by
 * sorting its row. The caller leaves rows with a non-finite z ({@link #applies}) and neurons whose weights
 * fail {@link #exactSums} to the reference.
 */
final class OrderSelect {
    private static final VectorSpecies<Float> SPECIES = DistanceForward.SPECIES;
    private static final int LANES = DistanceForward.LANES;
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    private static final VectorSpecies<Double> DOUBLE_SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int BLOCK = DistanceForward.BLOCK;
    /** A bracket holding at most this many inputs is finished from their keys. */
    static final int CAPACITY = 16;
    /** The thresholds of a counting pass sit this many standard errors of the count either side of the target. */
    private static final double SPREAD = 1.5;

    private final float[] x;
    private final float[] w;
    private final float[] wt;
    /** The edge weights, row-major and in panels like wt; null for the plain k-th. */
    private final float[] v;
    private final float[] vt;
    private final int batch;
    private final int inputs;
    private final int outputs;
    private final int paddedOutputs;
    /** The mean of every row z_bj, [B, M]. */
    private final float[] mean;

    private OrderSelect(Tensor x, Tensor w, Tensor v) {
        this.x = x.data();
        this.w = w.data();
        this.batch = x.dim(0);
        this.inputs = x.dim(1);
        this.outputs = w.dim(0);
        this.paddedOutputs = (outputs + BLOCK - 1) / BLOCK * BLOCK;
        this.wt = DistanceForward.panels(this.w, outputs, inputs, paddedOutputs);
        this.v = v == null ? null : v.data();
        this.vt = v == null ? null : DistanceForward.panels(this.v, outputs, inputs, paddedOutputs);
        this.mean = rowMeans();
    }

    /** Whether every z is finite: the kernel's precondition (z then cannot overflow to infinity either). */
    static boolean applies(Tensor x, Tensor w) {
        return absMax(x.data()) + absMax(w.data()) <= Float.MAX_VALUE / 2;
    }

    private static double absMax(float[] a) {
        double m = 0;
        for (float e : a) {
            if (!(Math.abs(e) <= Float.MAX_VALUE)) {
                return Double.POSITIVE_INFINITY; // NaN or infinite
            }
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /**
     * Whether every partial sum of neuron j's edge weights is exact in double, whatever the order: all are
     * finite multiples of the smallest ulp among them, and their absolute sum stays below 2^52 of those ulps.
     */
    static boolean exactSums(float[] v, int j, int inputs) {
        double smallestUlp = Double.POSITIVE_INFINITY, total = 0;
        for (int i = 0; i < inputs; i++) {
            float e = v[j * inputs + i];
            if (!(Math.abs(e) <= Float.MAX_VALUE)) {
                return false;
            }
            if (e != 0) {
                smallestUlp = Math.min(smallestUlp, Math.ulp(e));
                total += Math.abs(e);
            }
        }
        return total < 0x1p52 * smallestUlp || total == 0;
    }

    /** The k_j-th smallest z_bji (1-based, validated by the caller) and its index. */
    static ArgReduction kth(Tensor x, Tensor w, int[] k) {
        OrderSelect s = new OrderSelect(x, w, null);
        float[] target = new float[s.outputs];
        for (int j = 0; j < s.outputs; j++) {
            target[j] = k[j] - 1; // the first rank whose count exceeds k - 1
        }
        return s.run(target, null);
    }

    /**
     * The weighted quantile of {@link org.linfgrad.backend.Backend#weightedQuantile} for the neurons with
     * {@code included[j]}; the outputs of the others are left 0 for the caller to fill.
     */
    static ArgReduction weightedQuantile(Tensor x, Tensor w, Tensor v, Tensor q, boolean[] included) {
        OrderSelect s = new OrderSelect(x, w, v);
        return s.run(q.data(), included);
    }

    private ArgReduction run(float[] target, boolean[] included) {
        float[] y = new float[batch * outputs];
        int[] arg = new int[batch * outputs];
        int blocks = paddedOutputs / BLOCK;
        if (blocks >= 2 * Parallel.THREADS || blocks >= batch) {
            Parallel.forRange(blocks, (from, to) -> {
                Lanes lanes = new Lanes(target, included);
                for (int kb = from; kb < to; kb++) {
                    lanes.forBlock(kb * BLOCK);
                    for (int b = 0; b < batch; b++) {
                        lanes.select(b, y, arg);
                    }
                }
            });
        } else {
            Parallel.forRange(batch, (from, to) -> {
                Lanes lanes = new Lanes(target, included);
                for (int kb = 0; kb < blocks; kb++) {
                    lanes.forBlock(kb * BLOCK);
                    for (int b = from; b < to; b++) {
                        lanes.select(b, y, arg);
                    }
                }
            });
        }
        return new ArgReduction(Tensor.of(y, batch, outputs), arg);
    }

    /** The mean of every row z_bj, from the row sums of x and w: the centre of the first guess. */
    private float[] rowMeans() {
        double[] sx = new double[batch], sw = new double[outputs];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < inputs; i++) {
                sx[b] += x[b * inputs + i];
            }
        }
        for (int j = 0; j < outputs; j++) {
            for (int i = 0; i < inputs; i++) {
                sw[j] += w[j * inputs + i];
            }
        }
        float[] m = new float[batch * outputs];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < outputs; j++) {
                m[b * outputs + j] = (float) ((sx[b] - sw[j]) / inputs);
            }
        }
        return m;
    }

    /** The order-preserving int image of a float, as in {@link SortKey}: -0.0 maps to +0.0. */
    static int key(float f) {
        int bits = Float.floatToRawIntBits(f + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float whose {@link #key} is k (-1, which {@link #key} never gives, reads as -0.0). */
    static float fromKey(int k) {
        return Float.intBitsToFloat(k ^ ((k >> 31) & 0x7fffffff));
    }

    /** A rough inverse of the standard normal CDF (Abramowitz and Stegun 26.2.23, error below 5e-4). */
    static double normalQuantile(double p) {
        double tail = Math.min(p, 1 - p);
        double t = Math.sqrt(-2 * Math.log(tail));
        double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
                / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
        return p < 0.5 ? -z : z;
    }

    /**
     * The key of rank r (0-based, ascending) among the m distinct keys a[from, from + m): the one with exactly r
     * smaller keys, found by counting, with no branch per comparison.
     */
    static long rankedKey(long[] a, int from, int m, int r) {
        for (int c = from; c < from + m; c++) {
            int smaller = 0;
            for (int d = from; d < from + m; d++) {
                smaller += a[d] < a[c] ? 1 : 0;
            }
            if (smaller == r) {
                return a[c];
            }
        }
        throw new IllegalStateException("no key of rank " + r + " among " + m);
    }

    /** Sorts a[from, to) ascending: the few keys of one bracket. */
    static void insertionSort(long[] a, int from, int to) {
        for (int p = from + 1; p < to; p++) {
            long e = a[p];
            int q = p - 1;
            while (q >= from && a[q] > e) {
                a[q + 1] = a[q];
                q--;
            }
            a[q + 1] = e;
        }
    }

    /** One thread's per-lane state for a block of {@value DistanceForward#BLOCK} neurons. */
    private final class Lanes {
        private final boolean weighted = v != null;
        /** Per neuron: the target mass (k - 1, or q): the answer is the first input whose mass exceeds it. */
        private final float[] target;
        private final boolean[] included;
        private int j0;
        private final float[] lo = new float[BLOCK];
        private final float[] hi = new float[BLOCK];
        /** The number of inputs at or below lo and hi. */
        private final float[] countBelow = new float[BLOCK];
        private final float[] countAtOrBelow = new float[BLOCK];
        /** Their mass: the same arrays as the counts for the plain k-th, the float sums of v when weighted. */
        private final float[] massBelow;
        private final float[] massAtOrBelow;
        /** Weighted: the mass at or below lo and hi summed again in double, exactly. */
        private final double[] exactBelow = new double[BLOCK];
        private final double[] exactAtOrBelow = new double[BLOCK];
        private final double[] running = new double[BLOCK];
        private final boolean[] ready = new boolean[BLOCK];
        private final boolean[] stalled = new boolean[BLOCK];
        /** Lanes whose answer is the last occurrence of the max (k = n; q at or above the total weight). */
        private final boolean[] last = new boolean[BLOCK];
        /** Pass inputs and outputs: thresholds and the counts and masses at or below them. */
        private final float[] t1 = new float[BLOCK];
        private final float[] t2 = new float[BLOCK];
        private final float[] c1 = new float[BLOCK];
        private final float[] c2 = new float[BLOCK];
        private final float[] s1;
        private final float[] s2;
        private final float[] min = new float[BLOCK];
        private final float[] max = new float[BLOCK];
        private final float[] squares = new float[BLOCK];
        /** Per neuron of the block: the normal-model quantiles either side of the target, the total weight. */
        private final float[] lowQuantile = new float[BLOCK];
        private final float[] highQuantile = new float[BLOCK];
        private final double[] total = new double[BLOCK];
        private final long[] keys = new long[BLOCK * CAPACITY];
        private final int[] found = new int[BLOCK];
        private final int[] chosen = new int[BLOCK];
        /** The inputs inside the brackets, as lane + BLOCK * i, in increasing i. */
        private int[] hits = new int[2 * BLOCK * CAPACITY + BLOCK];

        Lanes(float[] target, boolean[] included) {
            this.target = target;
            this.included = included;
            massBelow = weighted ? new float[BLOCK] : countBelow;
            massAtOrBelow = weighted ? new float[BLOCK] : countAtOrBelow;
            s1 = weighted ? new float[BLOCK] : c1;
            s2 = weighted ? new float[BLOCK] : c2;
        }

        private boolean active(int l) {
            int j = j0 + l;
            return j < outputs && (included == null || included[j]);
        }

        /** Prepares the per-neuron constants of the block at neuron j0. */
        void forBlock(int j0) {
            this.j0 = j0;
            for (int l = 0; l < BLOCK; l++) {
                if (!active(l)) {
                    continue;
                }
                int j = j0 + l;
                double n = inputs;
                double sum = 0;
                if (weighted) {
                    for (int i = 0; i < inputs; i++) {
                        sum += v[j * inputs + i];
                    }
                }
                total[l] = weighted ? sum : n;
                // the rank the target corresponds to, for the normal model
                double k = weighted ? Math.clamp(target[j] / sum * n + 0.5, 1, n) : target[j] + 1;
                double spread = SPREAD * Math.sqrt(k * (n - k) / n) + 1;
                lowQuantile[l] = (float) normalQuantile(Math.max(0.5, k - 0.5 - spread) / n);
                highQuantile[l] = (float) normalQuantile(Math.min(n - 0.5, k - 0.5 + spread) / n);
            }
        }

        /** Selects y_bj and its index for the neurons of the block, for sample b. */
        void select(int b, float[] y, int[] arg) {
            squaresAndExtremes(b);
            boolean allReady = true;
            for (int l = 0; l < BLOCK; l++) {
                if (!active(l)) {
                    lo[l] = hi[l] = 0; // an empty bracket
                    ready[l] = true;
                    last[l] = false;
                    continue;
                }
                int j = j0 + l;
                start(l, j, b);
                allReady &= ready[l];
            }
            while (!allReady) {
                countWhereNeeded(b);
                allReady = true;
                for (int l = 0; l < BLOCK; l++) {
                    if (!ready[l]) {
                        narrow(l);
                        if (!ready[l]) {
                            chooseThresholds(l);
                        }
                    }
                    allReady &= ready[l];
                }
            }
            if (weighted) {
                exactMasses(b);
            }
            extract(b);
            for (int l = 0; l < BLOCK; l++) {
                if (active(l)) {
                    int j = j0 + l;
                    int i = finish(l, j, b);
                    y[b * outputs + j] = x[b * inputs + i] - w[j * inputs + i];
                    arg[b * outputs + j] = i;
                }
            }
        }

        /** The first bracket (just below min, max] and the first guesses of lane l. */
        private void start(int l, int j, int b) {
            lo[l] = Math.nextDown(min[l]);
            hi[l] = max[l];
            countBelow[l] = massBelow[l] = 0;
            countAtOrBelow[l] = inputs;
            massAtOrBelow[l] = (float) total[l];
            // the max's last occurrence: k = n, or q at or above the total weight (the reference's rule)
            last[l] = weighted ? target[j] >= total[l] : target[j] == inputs - 1;
            if (last[l]) {
                lo[l] = Math.nextDown(max[l]);
            } else if (!weighted && target[j] == 0) {
                hi[l] = min[l]; // the min's first occurrence
            }
            ready[l] = last[l] || inputs <= CAPACITY || !(Math.nextUp(lo[l]) < hi[l]);
            if (!ready[l]) {
                double m = mean[b * outputs + j];
                double sd = Math.sqrt(Math.max(0, (double) squares[l] / inputs - m * m));
                t1[l] = (float) (m + sd * lowQuantile[l]);
                t2[l] = (float) (m + sd * highQuantile[l]);
                stalled[l] = false;
                placeInside(l);
            }
        }

        /**
         * After a counting pass: (lo, hi] shrinks to the side of each threshold that holds the target, and the
         * lane is ready when the bracket holds at most CAPACITY inputs or a single value.
         */
        private void narrow(int l) {
            float before = countAtOrBelow[l] - countBelow[l];
            probe(l, t1[l], c1[l], s1[l]);
            probe(l, t2[l], c2[l], s2[l]);
            float inside = countAtOrBelow[l] - countBelow[l];
            stalled[l] = inside > before / 2;
            ready[l] = inside <= CAPACITY || !(Math.nextUp(lo[l]) < hi[l]);
        }

        /** Narrows lane l's bracket with c inputs of mass s at or below t. */
        private void probe(int l, float t, float c, float s) {
            if (target[j0 + l] < s) {
                if (t < hi[l]) {
                    hi[l] = t;
                    countAtOrBelow[l] = c;
                    massAtOrBelow[l] = s;
                }
            } else if (t > lo[l]) {
                lo[l] = t;
                countBelow[l] = c;
                massBelow[l] = s;
            }
        }

        /**
         * The next pass's thresholds: linear interpolation of the mass inside the bracket, SPREAD standard
         * errors of the count either side of the target; thirds of the bracket's integer image after a pass
         * that failed to halve it.
         */
        private void chooseThresholds(int l) {
            if (stalled[l]) {
                long a = key(lo[l]), span = key(hi[l]) - a;
                t1[l] = fromKey((int) (a + span / 3));
                t2[l] = fromKey((int) (a + 2 * span / 3));
            } else {
                double inside = countAtOrBelow[l] - countBelow[l];
                double mass = massAtOrBelow[l] - massBelow[l];
                double f = (target[j0 + l] + (weighted ? 0 : 0.5) - massBelow[l]) / mass;
                f = Math.clamp(f, 0, 1);
                double spread = (SPREAD * Math.sqrt(f * (1 - f) * inside) + 1) / inside;
                double width = (double) hi[l] - lo[l];
                t1[l] = (float) (lo[l] + width * Math.max(0, f - spread));
                t2[l] = (float) (lo[l] + width * Math.min(1, f + spread));
            }
            placeInside(l);
        }

        /** Moves both thresholds strictly inside (lo, hi), in order (the bracket holds two distinct values). */
        private void placeInside(int l) {
            t1[l] = inside(t1[l], l);
            t2[l] = inside(t2[l], l);
            if (t2[l] < t1[l]) {
                float swap = t1[l];
                t1[l] = t2[l];
                t2[l] = swap;
            }
        }

        private float inside(float t, int l) {
            if (!(t > lo[l])) { // also NaN
                t = Math.nextUp(lo[l]);
            }
            return t < hi[l] ? t : Math.nextDown(hi[l]);
        }

        /** The selected input of lane l, from the inputs listed inside its bracket. */
        private int finish(int l, int j, int b) {
            double quantile = target[j];
            if (last[l]) {
                return chosen[l];
            }
            if (weighted && (quantile < exactBelow[l] || !(quantile < exactAtOrBelow[l]))) {
                return sortedRow(b, j); // the float sums misplaced the bracket
            }
            if (found[l] > CAPACITY) {
                return chosen[l]; // one value: chosen in index order while listing
            }
            int from = l * CAPACITY;
            if (!weighted) {
                return SortKey.index(rankedKey(keys, from, found[l], (int) (target[j] - countBelow[l])));
            }
            insertionSort(keys, from, from + found[l]);
            double upper = exactBelow[l];
            for (int r = from; r < from + found[l]; r++) {
                int i = SortKey.index(keys[r]);
                upper += v[j * inputs + i];
                if (quantile < upper) {
                    return i;
                }
            }
            return sortedRow(b, j);
        }

        /** The reference's weighted quantile of one row: sort it and sum the weights in order. */
        private int sortedRow(int b, int j) {
            long[] row = new long[inputs];
            for (int i = 0; i < inputs; i++) {
                row[i] = SortKey.of(x[b * inputs + i] - w[j * inputs + i], i);
            }
            Arrays.sort(row);
            double upper = 0;
            for (long k : row) {
                upper += v[j * inputs + SortKey.index(k)];
                if (target[j] < upper) {
                    return SortKey.index(k);
                }
            }
            return SortKey.index(row[inputs - 1]);
        }

        /** Per lane: the sum of z^2, the min and the max of the row. */
        private void squaresAndExtremes(int b) {
            FloatVector sq0 = FloatVector.zero(SPECIES), sq1 = sq0, sq2 = sq0, sq3 = sq0;
            FloatVector min0 = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY), min1 = min0, min2 = min0,
                    min3 = min0;
            FloatVector max0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY), max1 = max0, max2 = max0,
                    max3 = max0;
            int xRow = b * inputs;
            for (int i = 0; i < inputs; i++) {
                FloatVector xi = FloatVector.broadcast(SPECIES, x[xRow + i]);
                int row = j0 * inputs + i * BLOCK;
                FloatVector z0 = xi.sub(FloatVector.fromArray(SPECIES, wt, row));
                FloatVector z1 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + LANES));
                FloatVector z2 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 2 * LANES));
                FloatVector z3 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 3 * LANES));
                sq0 = z0.fma(z0, sq0);
                sq1 = z1.fma(z1, sq1);
                sq2 = z2.fma(z2, sq2);
                sq3 = z3.fma(z3, sq3);
                min0 = min0.min(z0);
                min1 = min1.min(z1);
                min2 = min2.min(z2);
                min3 = min3.min(z3);
                max0 = max0.max(z0);
                max1 = max1.max(z1);
                max2 = max2.max(z2);
                max3 = max3.max(z3);
            }
            sq0.intoArray(squares, 0);
            sq1.intoArray(squares, LANES);
            sq2.intoArray(squares, 2 * LANES);
            sq3.intoArray(squares, 3 * LANES);
            min0.intoArray(min, 0);
            min1.intoArray(min, LANES);
            min2.intoArray(min, 2 * LANES);
            min3.intoArray(min, 3 * LANES);
            max0.intoArray(max, 0);
            max1.intoArray(max, LANES);
            max2.intoArray(max, 2 * LANES);
            max3.intoArray(max, 3 * LANES);
        }

        /**
         * Counts for the lanes still narrowing: the four vectors of the block at once when each of them has
         * such a lane, else one vector at a time, so that a few slow lanes cost a quarter of a pass each.
         */
        private void countWhereNeeded(int b) {
            int busy = 0; // bit v: vector v has a lane still narrowing
            for (int l = 0; l < BLOCK; l++) {
                if (!ready[l]) {
                    busy |= 1 << (l / LANES);
                }
            }
            if (!weighted && busy == (1 << (BLOCK / LANES)) - 1) {
                count(b);
                return;
            }
            for (int vec = 0; vec < BLOCK / LANES; vec++) {
                if ((busy & (1 << vec)) != 0) {
                    if (weighted) {
                        countAndWeigh(b, vec * LANES);
                    } else {
                        countOneVector(b, vec * LANES);
                    }
                }
            }
        }

        /** {@link #count} for the lanes lane0..lane0+LANES only. */
        private void countOneVector(int b, int lane0) {
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            FloatVector a = FloatVector.fromArray(SPECIES, t1, lane0);
            FloatVector c = FloatVector.fromArray(SPECIES, t2, lane0);
            FloatVector n = FloatVector.zero(SPECIES), m = n;
            int xRow = b * inputs;
            int row = j0 * inputs + lane0;
            for (int i = 0; i < inputs; i++) {
                FloatVector z = FloatVector.broadcast(SPECIES, x[xRow + i])
                        .sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK));
                n = n.add(one, z.compare(VectorOperators.LE, a));
                m = m.add(one, z.compare(VectorOperators.LE, c));
            }
            n.intoArray(c1, lane0);
            m.intoArray(c2, lane0);
        }

        /** Weighted: the counts and the float sums of v at or below t1 and t2, for lanes lane0..lane0+LANES. */
        private void countAndWeigh(int b, int lane0) {
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            FloatVector a = FloatVector.fromArray(SPECIES, t1, lane0);
            FloatVector c = FloatVector.fromArray(SPECIES, t2, lane0);
            FloatVector n = FloatVector.zero(SPECIES), m = n, sa = n, sc = n;
            int xRow = b * inputs;
            int row = j0 * inputs + lane0;
            for (int i = 0; i < inputs; i++) {
                FloatVector z = FloatVector.broadcast(SPECIES, x[xRow + i])
                        .sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK));
                FloatVector weight = FloatVector.fromArray(SPECIES, vt, row + i * BLOCK);
                VectorMask<Float> belowA = z.compare(VectorOperators.LE, a);
                VectorMask<Float> belowC = z.compare(VectorOperators.LE, c);
                n = n.add(one, belowA);
                m = m.add(one, belowC);
                sa = sa.add(weight, belowA);
                sc = sc.add(weight, belowC);
            }
            n.intoArray(c1, lane0);
            m.intoArray(c2, lane0);
            sa.intoArray(s1, lane0);
            sc.intoArray(s2, lane0);
        }

        /** Per lane: c1 = #{i : z_i <= t1} and c2 = #{i : z_i <= t2}, for all four vectors of the block. */
        private void count(int b) {
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            FloatVector a0 = FloatVector.fromArray(SPECIES, t1, 0), a1 = FloatVector.fromArray(SPECIES, t1, LANES),
                    a2 = FloatVector.fromArray(SPECIES, t1, 2 * LANES), a3 = FloatVector.fromArray(SPECIES, t1, 3 * LANES);
            FloatVector b0 = FloatVector.fromArray(SPECIES, t2, 0), b1 = FloatVector.fromArray(SPECIES, t2, LANES),
                    b2 = FloatVector.fromArray(SPECIES, t2, 2 * LANES), b3 = FloatVector.fromArray(SPECIES, t2, 3 * LANES);
            FloatVector n0 = FloatVector.zero(SPECIES), n1 = n0, n2 = n0, n3 = n0;
            FloatVector m0 = n0, m1 = n0, m2 = n0, m3 = n0;
            int xRow = b * inputs;
            for (int i = 0; i < inputs; i++) {
                FloatVector xi = FloatVector.broadcast(SPECIES, x[xRow + i]);
                int row = j0 * inputs + i * BLOCK;
                FloatVector z0 = xi.sub(FloatVector.fromArray(SPECIES, wt, row));
                FloatVector z1 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + LANES));
                FloatVector z2 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 2 * LANES));
                FloatVector z3 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 3 * LANES));
                n0 = n0.add(one, z0.compare(VectorOperators.LE, a0));
                n1 = n1.add(one, z1.compare(VectorOperators.LE, a1));
                n2 = n2.add(one, z2.compare(VectorOperators.LE, a2));
                n3 = n3.add(one, z3.compare(VectorOperators.LE, a3));
                m0 = m0.add(one, z0.compare(VectorOperators.LE, b0));
                m1 = m1.add(one, z1.compare(VectorOperators.LE, b1));
                m2 = m2.add(one, z2.compare(VectorOperators.LE, b2));
                m3 = m3.add(one, z3.compare(VectorOperators.LE, b3));
            }
            n0.intoArray(c1, 0);
            n1.intoArray(c1, LANES);
            n2.intoArray(c1, 2 * LANES);
            n3.intoArray(c1, 3 * LANES);
            m0.intoArray(c2, 0);
            m1.intoArray(c2, LANES);
            m2.intoArray(c2, 2 * LANES);
            m3.intoArray(c2, 3 * LANES);
        }

        /**
         * Weighted: the sums of v at or below lo and at or below hi of every lane, in double. Each vector of
         * neurons is split into two halves of double lanes, with the halves of its masks.
         */
        private void exactMasses(int b) {
            int half = DOUBLE_SPECIES.length();
            int xRow = b * inputs;
            for (int lane0 = 0; lane0 < BLOCK; lane0 += LANES) {
                FloatVector low = FloatVector.fromArray(SPECIES, lo, lane0);
                FloatVector high = FloatVector.fromArray(SPECIES, hi, lane0);
                int row = j0 * inputs + lane0;
                DoubleVector below0 = DoubleVector.zero(DOUBLE_SPECIES), below1 = below0;
                DoubleVector atOrBelow0 = below0, atOrBelow1 = below0;
                for (int i = 0; i < inputs; i++) {
                    FloatVector z = FloatVector.broadcast(SPECIES, x[xRow + i])
                            .sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK));
                    FloatVector weight = FloatVector.fromArray(SPECIES, vt, row + i * BLOCK);
                    DoubleVector weight0 = (DoubleVector) weight.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 0);
                    DoubleVector weight1 = (DoubleVector) weight.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 1);
                    long belowLow = z.compare(VectorOperators.LE, low).toLong();
                    long belowHigh = z.compare(VectorOperators.LE, high).toLong();
                    below0 = below0.add(weight0, VectorMask.fromLong(DOUBLE_SPECIES, belowLow));
                    below1 = below1.add(weight1, VectorMask.fromLong(DOUBLE_SPECIES, belowLow >>> half));
                    atOrBelow0 = atOrBelow0.add(weight0, VectorMask.fromLong(DOUBLE_SPECIES, belowHigh));
                    atOrBelow1 = atOrBelow1.add(weight1, VectorMask.fromLong(DOUBLE_SPECIES, belowHigh >>> half));
                }
                below0.intoArray(exactBelow, lane0);
                below1.intoArray(exactBelow, lane0 + half);
                atOrBelow0.intoArray(exactAtOrBelow, lane0);
                atOrBelow1.intoArray(exactAtOrBelow, lane0 + half);
            }
        }

        /**
         * Lists the inputs inside each bracket, in increasing i, and keeps their keys while there are at most
         * CAPACITY; for a bracket of one value (any number of ties) it picks the answer in index order.
         */
        private void extract(int b) {
            Arrays.fill(found, 0);
            Arrays.fill(chosen, -1);
            Arrays.fill(running, 0);
            FloatVector lo0 = FloatVector.fromArray(SPECIES, lo, 0), lo1 = FloatVector.fromArray(SPECIES, lo, LANES),
                    lo2 = FloatVector.fromArray(SPECIES, lo, 2 * LANES), lo3 = FloatVector.fromArray(SPECIES, lo, 3 * LANES);
            FloatVector hi0 = FloatVector.fromArray(SPECIES, hi, 0), hi1 = FloatVector.fromArray(SPECIES, hi, LANES),
                    hi2 = FloatVector.fromArray(SPECIES, hi, 2 * LANES), hi3 = FloatVector.fromArray(SPECIES, hi, 3 * LANES);
            IntVector lane = IntVector.zero(INT_SPECIES).addIndex(1);
            int xRow = b * inputs;
            int kept = 0;
            for (int i = 0; i < inputs; i++) {
                if (kept + BLOCK > hits.length) {
                    hits = Arrays.copyOf(hits, 2 * hits.length);
                }
                FloatVector xi = FloatVector.broadcast(SPECIES, x[xRow + i]);
                int row = j0 * inputs + i * BLOCK;
                FloatVector z0 = xi.sub(FloatVector.fromArray(SPECIES, wt, row));
                FloatVector z1 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + LANES));
                FloatVector z2 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 2 * LANES));
                FloatVector z3 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 3 * LANES));
                VectorMask<Float> in0 = z0.compare(VectorOperators.GT, lo0).and(z0.compare(VectorOperators.LE, hi0));
                VectorMask<Float> in1 = z1.compare(VectorOperators.GT, lo1).and(z1.compare(VectorOperators.LE, hi1));
                VectorMask<Float> in2 = z2.compare(VectorOperators.GT, lo2).and(z2.compare(VectorOperators.LE, hi2));
                VectorMask<Float> in3 = z3.compare(VectorOperators.GT, lo3).and(z3.compare(VectorOperators.LE, hi3));
                // each input inside is listed as lane + BLOCK * i, with no branch per input
                IntVector where = lane.add(BLOCK * i);
                where.compress(in0.cast(INT_SPECIES)).intoArray(hits, kept);
                kept += in0.trueCount();
                where.add(LANES).compress(in1.cast(INT_SPECIES)).intoArray(hits, kept);
                kept += in1.trueCount();
                where.add(2 * LANES).compress(in2.cast(INT_SPECIES)).intoArray(hits, kept);
                kept += in2.trueCount();
                where.add(3 * LANES).compress(in3.cast(INT_SPECIES)).intoArray(hits, kept);
                kept += in3.trueCount();
            }
            for (int h = 0; h < kept; h++) {
                keep(hits[h] % BLOCK, b, hits[h] / BLOCK);
            }
        }

        /** Input i is inside lane l's bracket. */
        private void keep(int l, int b, int i) {
            int j = j0 + l;
            int n = found[l]++;
            if (n < CAPACITY) {
                keys[l * CAPACITY + n] = SortKey.of(x[b * inputs + i] - w[j * inputs + i], i);
            }
            // the answer if the bracket holds one value: inputs in index order until the mass exceeds the target
            boolean exceeds;
            if (weighted) {
                running[l] += v[j * inputs + i];
                exceeds = target[j] < exactBelow[l] + running[l];
            } else {
                exceeds = n == (int) (target[j] - countBelow[l]);
            }
            if (last[l] || (chosen[l] < 0 && exceeds)) {
                chosen[l] = i;
            }
        }
    }
}
