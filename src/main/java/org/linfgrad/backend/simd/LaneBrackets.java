package org.linfgrad.backend.simd;

import org.linfgrad.backend.SortKey;

/**
 * The per-lane brackets of a counting select over one block of {@value DistanceForward#BLOCK} neurons and one
 * sample, lane l for neuron j0 + l, each narrowed on its own by passes over its row ({@link RowPasses}). Each lane's target is a range of mass [low, high]: with m(t) the mass at or below t (the number of
 * inputs with z &lt;= t, or the sum of their edge weights), its bracket (lo, hi] keeps m(lo) &lt;= low and
 * m(hi) &gt; high, so it holds every input whose rank, or whose weight interval, falls in the range. Ranks
 * r1..r2 (1-based) are the range [r1 - 1, r2 - 1]; the k-th smallest is [k - 1, k - 1]; the weighted quantile
 * q is [q, q]. Each counting pass gives m at two thresholds per lane; they narrow the bracket, and the next
 * thresholds are placed either side of the range: first by a normal model of the row (counted in the same
 * opening pass that finds the row's min and max, the first bracket), then by linear
 * interpolation inside the bracket, {@value #SPREAD} standard errors of the count beyond the range, and at
 * thirds of the bracket's order-preserving integer image after a pass that failed to halve it (so every
 * bracket closes in a bounded number of passes). A lane is ready when its bracket holds at most its capacity
 * (the width of its range plus {@value #SLACK} inputs, {@value #RANGE_SLACK} for a range of several ranks) or a
 * single value.
 */
final class LaneBrackets {
    private static final int BLOCK = DistanceForward.BLOCK;
    /** A ready bracket holds at most this many inputs beyond the width of its range (or a single value). */
    static final int SLACK = 16;
    /** The slack of a range of more than one rank. */
    static final int RANGE_SLACK = 32;
    /** The thresholds sit this many standard errors of the count beyond the target range. */
    private static final double SPREAD = 1.0;

    private final boolean weighted;
    private final int inputs;
    /** Per lane: whether it has a neuron to select for, its target range, its capacity, its total mass. */
    final boolean[] active = new boolean[BLOCK];
    final float[] low = new float[BLOCK];
    final float[] high = new float[BLOCK];
    final int[] capacity = new int[BLOCK];
    private final double[] total = new double[BLOCK];
    /**
     * Per lane: how many times wider than a count's the mass's standard error is, sqrt(n sum v^2 / (sum v)^2)
     * (1 for equal weights): uneven weights make the mass below a threshold vary more than the count.
     */
    private final double[] spreadScale = new double[BLOCK];
    private final float[] lowQuantile = new float[BLOCK];
    private final float[] highQuantile = new float[BLOCK];
    /** The brackets, and the number of inputs and their mass at or below each end. */
    final float[] lo = new float[BLOCK];
    final float[] hi = new float[BLOCK];
    final float[] countBelow = new float[BLOCK];
    final float[] countAtOrBelow = new float[BLOCK];
    /** The mass at or below lo (the count, without edge weights). */
    final float[] massBelow;
    private final float[] massAtOrBelow;
    /**
     * The smallest threshold yet with mass above low, and the largest with mass at or below high: no float
     * between lo and lowEnd, and none between highStart and hi, means neither end can move any more.
     */
    private final float[] lowEnd = new float[BLOCK];
    private final float[] highStart = new float[BLOCK];
    final boolean[] ready = new boolean[BLOCK];
    private final boolean[] stalled = new boolean[BLOCK];
    /** Lanes whose answer is the last occurrence of the max (the rank n; q at or above the total weight). */
    final boolean[] last = new boolean[BLOCK];
    /** A counting pass's thresholds, and the counts and masses at or below them. */
    final float[] t1 = new float[BLOCK];
    final float[] t2 = new float[BLOCK];
    final float[] c1 = new float[BLOCK];
    final float[] c2 = new float[BLOCK];
    final float[] s1;
    final float[] s2;
    /** The opening pass's min and max of every row. */
    final float[] min = new float[BLOCK];
    final float[] max = new float[BLOCK];

    /** Brackets of rank ranges ({@code weighted} false: the mass is the count) or of weight ranges. */
    LaneBrackets(boolean weighted, int inputs) {
        this.weighted = weighted;
        this.inputs = inputs;
        massBelow = weighted ? new float[BLOCK] : countBelow;
        massAtOrBelow = weighted ? new float[BLOCK] : countAtOrBelow;
        s1 = weighted ? new float[BLOCK] : c1;
        s2 = weighted ? new float[BLOCK] : c2;
    }

    /**
     * Lane l selects the mass range [low, high] of a row whose total mass is {@code total} and whose weights have
     * the {@code unevenness} n sum v^2 / (sum v)^2 (1 for equal weights and for counts).
     */
    void target(int l, float low, float high, double total, double unevenness) {
        active[l] = true;
        this.low[l] = low;
        this.high[l] = high;
        this.total[l] = total;
        spreadScale[l] = Math.sqrt(unevenness);
        capacity[l] = capacity(weighted ? 1 : (int) (high - low) + 1);
        double n = inputs;
        double kLow = weighted ? Math.clamp(low / total * n + 0.5, 1, n) : low + 1;
        double kHigh = weighted ? Math.clamp(high / total * n + 0.5, 1, n) : high + 1;
        lowQuantile[l] = (float) normalQuantile(Math.max(0.5, kLow - 0.5 - spread(l, kLow, n)) / n);
        highQuantile[l] = (float) normalQuantile(Math.min(n - 0.5, kHigh - 0.5 + spread(l, kHigh, n)) / n);
    }

    /** The most inputs a ready bracket of a range of {@code width} ranks holds (unless it holds one value). */
    static int capacity(int width) {
        return width - 1 + (width == 1 ? SLACK : RANGE_SLACK);
    }

    /** Lane l selects nothing in this block. */
    void idle(int l) {
        active[l] = false;
    }

    /** Lane l's distance from the k-th of n inputs to a threshold, in inputs. */
    private double spread(int l, double k, double n) {
        return SPREAD * spreadScale[l] * Math.sqrt(k * (n - k) / n) + 1;
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
     * Lane l's first thresholds, before the opening pass, from a normal model of its row with the given mean
     * and standard deviation.
     */
    void plan(int l, double mean, double sd) {
        float a = (float) (mean + sd * lowQuantile[l]), e = (float) (mean + sd * highQuantile[l]);
        if (!(a <= e)) { // NaN from an overflowing model: any threshold will do
            a = e = 0;
        }
        t1[l] = a;
        t2[l] = e;
    }

    /**
     * Whether lane l's target needs the row's exact min or max: the rank 1 (the min's first occurrence), the
     * rank n or q at or above the total weight (the max's last occurrence). Any other target opens with bounds.
     */
    boolean needsExtremes(int l) {
        return weighted ? low[l] >= total[l] : low[l] == inputs - 1 || high[l] == 0;
    }

    /**
     * After the opening pass (the row's min and max, or where {@link #needsExtremes} is false a float at or
     * below the min and one at or above the max, and the counts at the planned thresholds, which may lie
     * outside them): lane l's first bracket (just below min, max], narrowed by those counts; returns whether
     * the lane is ready (an idle lane is, with an empty bracket).
     */
    boolean open(int l) {
        if (!active[l]) {
            lo[l] = hi[l] = 0; // an empty bracket
            countBelow[l] = countAtOrBelow[l] = 0;
            ready[l] = true;
            last[l] = false;
            return true;
        }
        lo[l] = Math.nextDown(min[l]);
        hi[l] = max[l];
        countBelow[l] = massBelow[l] = 0;
        countAtOrBelow[l] = inputs;
        massAtOrBelow[l] = (float) total[l];
        // the max's last occurrence: the rank n, or q at or above the total weight (the reference's rule)
        last[l] = weighted ? low[l] >= total[l] : low[l] == inputs - 1;
        if (last[l]) {
            lo[l] = Math.nextDown(max[l]);
        } else if (!weighted && high[l] == 0) {
            hi[l] = min[l]; // the min's first occurrence
        }
        lowEnd[l] = hi[l];
        highStart[l] = lo[l];
        ready[l] = last[l] || inputs <= capacity[l] || singleValue(l);
        if (!ready[l]) {
            probe(l, t1[l], c1[l], s1[l]); // a threshold outside the bracket moves nothing
            probe(l, t2[l], c2[l], s2[l]);
            stalled[l] = false; // a model that missed the row is no stall: interpolate
            ready[l] = countAtOrBelow[l] - countBelow[l] <= capacity[l] || settled(l);
            if (!ready[l]) {
                chooseThresholds(l);
            }
        }
        return ready[l];
    }

    /** After a counting pass of lane l (not ready): narrows its bracket; returns whether it is ready. */
    boolean narrow(int l) {
        float before = countAtOrBelow[l] - countBelow[l];
        probe(l, t1[l], c1[l], s1[l]);
        probe(l, t2[l], c2[l], s2[l]);
        float inside = countAtOrBelow[l] - countBelow[l];
        stalled[l] = inside > before / 2;
        ready[l] = inside <= capacity[l] || settled(l);
        if (!ready[l]) {
            chooseThresholds(l);
        }
        return ready[l];
    }

    /** Whether lane l's bracket holds a single value. */
    boolean singleValue(int l) {
        return !(Math.nextUp(lo[l]) < hi[l]);
    }

    /**
     * Whether neither end of lane l's bracket can move: a single value, or for a range ties at its ends that
     * leave more than its capacity inside (rare; {@link BlockSelect} sorts such a row).
     */
    boolean settled(int l) {
        return !(Math.nextUp(lo[l]) < lowEnd[l]) && !(Math.nextUp(highStart[l]) < hi[l]);
    }

    /** Narrows lane l's bracket with c inputs of mass s at or below t. */
    private void probe(int l, float t, float c, float s) {
        if (s > low[l]) {
            lowEnd[l] = Math.min(lowEnd[l], t);
        }
        if (s <= high[l]) {
            highStart[l] = Math.max(highStart[l], t);
        }
        if (s > high[l]) {
            if (t < hi[l]) {
                hi[l] = t;
                countAtOrBelow[l] = c;
                massAtOrBelow[l] = s;
            }
        } else if (s <= low[l] && t > lo[l]) {
            lo[l] = t;
            countBelow[l] = c;
            massBelow[l] = s;
        }
    }

    private void chooseThresholds(int l) {
        if (stalled[l] && low[l] < high[l]) { // a range: halve the search at each end
            t1[l] = middle(lo[l], lowEnd[l]);
            t2[l] = middle(highStart[l], hi[l]);
        } else if (stalled[l]) {
            long a = SortKey.orderedBits(lo[l]), span = SortKey.orderedBits(hi[l]) - a;
            t1[l] = SortKey.fromOrderedBits((int) (a + span / 3));
            t2[l] = SortKey.fromOrderedBits((int) (a + 2 * span / 3));
        } else {
            double inside = countAtOrBelow[l] - countBelow[l];
            double mass = massAtOrBelow[l] - massBelow[l];
            double half = weighted ? 0 : 0.5; // the middle of a rank's unit of count
            double fLow = Math.clamp((low[l] + half - massBelow[l]) / mass, 0, 1);
            double fHigh = Math.clamp((high[l] + half - massBelow[l]) / mass, 0, 1);
            double width = (double) hi[l] - lo[l];
            t1[l] = (float) (lo[l] + width * Math.max(0, fLow - relativeSpread(l, fLow, inside)));
            t2[l] = (float) (lo[l] + width * Math.min(1, fHigh + relativeSpread(l, fHigh, inside)));
        }
        placeInside(l);
    }

    /** The float halfway between a and b in the order-preserving integer image. */
    private static float middle(float a, float b) {
        return SortKey.fromOrderedBits((int) (((long) SortKey.orderedBits(a) + SortKey.orderedBits(b)) >> 1));
    }

    private double relativeSpread(int l, double f, double inside) {
        return (SPREAD * spreadScale[l] * Math.sqrt(f * (1 - f) * inside) + 1) / inside;
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
}
