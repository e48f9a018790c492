package org.linfgrad.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector passes of the counting selects ({@link OrderSelect}) over one row z_i = x_bi - w_ji, i = 0..n-1,
 * with lanes across the inputs: x_b and w_j are contiguous rows, so a row's passes read 8 KB that stay in the
 * first-level cache from one pass to the next, and a row that is done costs nothing more (with lanes across
 * neurons, every pass ran for the slowest of 32 rows). The loops take two vectors at a time into two sets of
 * accumulators (independent chains that hide the latency of the adds), then the tail in masked vectors (with a
 * scalar tail the median at n = 784, 16 inputs past whole pairs, ran at 1.2 G elem/s against 2.0). Every z is the same float subtraction
 * everywhere, so the counts are exact.
 * The min and max are kept by a compare and a blend, not by {@code min()} and {@code max()}, which keep Java's
 * rules for NaN and signed zeros at a cost of several instructions each: z is never NaN here, and -0.0 and
 * 0.0 compare equal in every threshold, so either may stand for the min or the max.
 */
final class RowPasses {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    private static final VectorSpecies<Double> DOUBLE_SPECIES = SPECIES.withLanes(double.class);

    private final float[] x;
    private final float[] w;
    /** The edge weights v [M, N], or null: the passes then count and do not weigh. */
    private final float[] v;
    private final int inputs;
    /** The inputs the vector loops cover: a multiple of two vectors. */
    private final int pairs;

    RowPasses(float[] x, float[] w, float[] v, int inputs) {
        this.x = x;
        this.w = w;
        this.v = v;
        this.inputs = inputs;
        this.pairs = inputs - inputs % (2 * LANES);
    }

    /**
     * The opening pass: the row's min and max into entry l of those arrays, with the counts of {@link #count}
     * at t1 and t2 (and with edge weights their sums).
     */
    void open(int b, int j, int l, float t1, float t2, float[] min, float[] max, float[] c1, float[] c2, float[] s1,
              float[] s2) {
        int xs = b * inputs, ws = j * inputs;
        boolean weighted = v != null;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a = FloatVector.broadcast(SPECIES, t1), e = FloatVector.broadcast(SPECIES, t2);
        FloatVector na0 = FloatVector.zero(SPECIES), na1 = na0, ne0 = na0, ne1 = na0;
        FloatVector sa0 = na0, sa1 = na0, se0 = na0, se1 = na0;
        FloatVector lo0 = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY), lo1 = lo0;
        FloatVector hi0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY), hi1 = hi0;
        for (int i = 0; i < pairs; i += 2 * LANES) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, x, xs + i).sub(FloatVector.fromArray(SPECIES, w, ws + i));
            FloatVector z1 = FloatVector.fromArray(SPECIES, x, xs + i + LANES)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + LANES));
            lo0 = lo0.blend(z0, z0.compare(VectorOperators.LT, lo0)); // not min(): see the class comment
            lo1 = lo1.blend(z1, z1.compare(VectorOperators.LT, lo1));
            hi0 = hi0.blend(z0, z0.compare(VectorOperators.GT, hi0));
            hi1 = hi1.blend(z1, z1.compare(VectorOperators.GT, hi1));
            VectorMask<Float> belowA0 = z0.compare(VectorOperators.LE, a);
            VectorMask<Float> belowA1 = z1.compare(VectorOperators.LE, a);
            VectorMask<Float> belowE0 = z0.compare(VectorOperators.LE, e);
            VectorMask<Float> belowE1 = z1.compare(VectorOperators.LE, e);
            na0 = na0.add(one, belowA0);
            na1 = na1.add(one, belowA1);
            ne0 = ne0.add(one, belowE0);
            ne1 = ne1.add(one, belowE1);
            if (weighted) { // loop-invariant: the JIT compiles a loop for each case
                FloatVector v0 = FloatVector.fromArray(SPECIES, v, ws + i);
                FloatVector v1 = FloatVector.fromArray(SPECIES, v, ws + i + LANES);
                sa0 = sa0.add(v0, belowA0);
                sa1 = sa1.add(v1, belowA1);
                se0 = se0.add(v0, belowE0);
                se1 = se1.add(v1, belowE1);
            }
        }
        for (int i = pairs; i < inputs; i += LANES) { // the tail: at most two vectors, the last one partly
            VectorMask<Float> valid = SPECIES.indexInRange(i, inputs);
            FloatVector z = tail(xs, ws, i, valid);
            lo0 = lo0.blend(z, z.compare(VectorOperators.LT, lo0).and(valid));
            hi0 = hi0.blend(z, z.compare(VectorOperators.GT, hi0).and(valid));
            VectorMask<Float> belowA = z.compare(VectorOperators.LE, a).and(valid);
            VectorMask<Float> belowE = z.compare(VectorOperators.LE, e).and(valid);
            na0 = na0.add(one, belowA);
            ne0 = ne0.add(one, belowE);
            if (weighted) {
                FloatVector weight = FloatVector.fromArray(SPECIES, v, ws + i, valid);
                sa0 = sa0.add(weight, belowA);
                se0 = se0.add(weight, belowE);
            }
        }
        min[l] = extreme(lo0.blend(lo1, lo1.compare(VectorOperators.LT, lo0)), false);
        max[l] = extreme(hi0.blend(hi1, hi1.compare(VectorOperators.GT, hi0)), true);
        c1[l] = wholeSum(na0.add(na1));
        c2[l] = wholeSum(ne0.add(ne1));
        if (weighted) {
            s1[l] = sum(sa0.add(sa1));
            s2[l] = sum(se0.add(se1));
        }
    }

    /** Entry l of c1 and c2: #{i : z_i &lt;= t1} and #{i : z_i &lt;= t2} (rows without edge weights). */
    void count(int b, int j, int l, float t1, float t2, float[] c1, float[] c2) {
        int xs = b * inputs, ws = j * inputs;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a = FloatVector.broadcast(SPECIES, t1), e = FloatVector.broadcast(SPECIES, t2);
        FloatVector na0 = FloatVector.zero(SPECIES), na1 = na0, ne0 = na0, ne1 = na0;
        for (int i = 0; i < pairs; i += 2 * LANES) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, x, xs + i).sub(FloatVector.fromArray(SPECIES, w, ws + i));
            FloatVector z1 = FloatVector.fromArray(SPECIES, x, xs + i + LANES)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + LANES));
            na0 = na0.add(one, z0.compare(VectorOperators.LE, a));
            na1 = na1.add(one, z1.compare(VectorOperators.LE, a));
            ne0 = ne0.add(one, z0.compare(VectorOperators.LE, e));
            ne1 = ne1.add(one, z1.compare(VectorOperators.LE, e));
        }
        for (int i = pairs; i < inputs; i += LANES) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, inputs);
            FloatVector z = tail(xs, ws, i, valid);
            na0 = na0.add(one, z.compare(VectorOperators.LE, a).and(valid));
            ne0 = ne0.add(one, z.compare(VectorOperators.LE, e).and(valid));
        }
        c1[l] = wholeSum(na0.add(na1));
        c2[l] = wholeSum(ne0.add(ne1));
    }

    /**
     * {@link #count} that also lists the inputs with t1 &lt; z_i &lt;= t2 into {@code hits} from 0 (room for every
     * input plus one vector), as {@link #list} would, and returns their number; with edge weights it also writes
     * entry l of s1 and s2, the float sums of v_ji over the inputs with z_i &lt;= t1 and z_i &lt;= t2 (the first
     * within {@link #weighedError} of the exact sum). When the pass narrows the bracket to (t1, t2], the row
     * needs no listing pass of its own. The row is counted and listed in two halves side by side.
     */
    int countAndList(int b, int j, int l, float t1, float t2, float[] c1, float[] c2, float[] s1, float[] s2,
                     int[] hits) {
        int xs = b * inputs, ws = j * inputs;
        boolean weighted = v != null;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a = FloatVector.broadcast(SPECIES, t1), e = FloatVector.broadcast(SPECIES, t2);
        FloatVector below0 = FloatVector.zero(SPECIES), below1 = below0, inside0 = below0, inside1 = below0;
        FloatVector massBelow0 = below0, massBelow1 = below0, massInside0 = below0, massInside1 = below0;
        IntVector iota = IntVector.zero(INT_SPECIES).addIndex(1);
        int part = inputs / (2 * LANES) * LANES; // vectors per half, in inputs
        int k0 = 0, k1 = part;
        for (int i = 0; i < part; i += LANES) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, x, xs + i).sub(FloatVector.fromArray(SPECIES, w, ws + i));
            FloatVector z1 = FloatVector.fromArray(SPECIES, x, xs + i + part)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + part));
            VectorMask<Float> belowA0 = z0.compare(VectorOperators.LE, a);
            VectorMask<Float> belowA1 = z1.compare(VectorOperators.LE, a);
            VectorMask<Float> in0 = z0.compare(VectorOperators.LE, e).andNot(belowA0);
            VectorMask<Float> in1 = z1.compare(VectorOperators.LE, e).andNot(belowA1);
            below0 = below0.add(one, belowA0);
            below1 = below1.add(one, belowA1);
            inside0 = inside0.add(one, in0);
            inside1 = inside1.add(one, in1);
            if (weighted) { // loop-invariant: the JIT compiles a loop for each case
                FloatVector v0 = FloatVector.fromArray(SPECIES, v, ws + i);
                FloatVector v1 = FloatVector.fromArray(SPECIES, v, ws + i + part);
                massBelow0 = massBelow0.add(v0, belowA0);
                massBelow1 = massBelow1.add(v1, belowA1);
                massInside0 = massInside0.add(v0, in0);
                massInside1 = massInside1.add(v1, in1);
            }
            IntVector at = iota.add(i);
            at.compress(in0.cast(INT_SPECIES)).intoArray(hits, k0);
            at.add(part).compress(in1.cast(INT_SPECIES)).intoArray(hits, k1);
            k0 += in0.trueCount();
            k1 += in1.trueCount();
        }
        int kept = join(hits, k0, part, k1);
        for (int i = 2 * part; i < inputs; i += LANES) { // at most two vectors
            VectorMask<Float> valid = SPECIES.indexInRange(i, inputs);
            FloatVector z = tail(xs, ws, i, valid);
            VectorMask<Float> belowA = z.compare(VectorOperators.LE, a).and(valid);
            VectorMask<Float> in = z.compare(VectorOperators.LE, e).and(valid).andNot(belowA);
            below0 = below0.add(one, belowA);
            inside0 = inside0.add(one, in);
            if (weighted) {
                FloatVector weight = FloatVector.fromArray(SPECIES, v, ws + i, valid);
                massBelow0 = massBelow0.add(weight, belowA);
                massInside0 = massInside0.add(weight, in);
            }
            iota.add(i).compress(in.cast(INT_SPECIES)).intoArray(hits, kept);
            kept += in.trueCount();
        }
        c1[l] = wholeSum(below0.add(below1));
        c2[l] = c1[l] + wholeSum(inside0.add(inside1)); // at or below t2: at or below t1, and those listed
        if (weighted) {
            s1[l] = sum(massBelow0.add(massBelow1));
            s2[l] = s1[l] + sum(massInside0.add(massInside1));
        }
        return kept;
    }

    /**
     * A bound on how far {@link #countAndList}'s float sum at t1 lies from the exact sum of the same weights,
     * whose absolute values sum to at most {@code absoluteWeight}: each lane of its two accumulators adds at
     * most inputs / (2 LANES) + 2 weights, the two are added, and their LANES lanes reduced in some order, so
     * no weight passes through more than depth = inputs / (2 LANES) + 2 + LANES roundings, and the error is at
     * most gamma(depth) sum |v|, gamma(k) = k u / (1 - k u), u = 2^-24 (Higham, Accuracy and Stability of
     * Numerical Algorithms, section 4.2: the bound holds for any order of a sum whose every term is rounded
     * into at most k partial sums).
     */
    static double weighedError(int inputs, double absoluteWeight) {
        double ku = (inputs / (2 * LANES) + 2 + LANES) * 0x1p-24;
        return ku / (1 - ku) * absoluteWeight;
    }

    /**
     * {@link #list} for a row with edge weights, which also sums v_ji in double over the inputs with z_i &lt;= lo
     * into entry l of {@code below} (the caller adds the listed weights for the sum at hi). The row is listed in
     * two halves side by side; each vector of floats is split into two halves of double lanes for the sum, with
     * the halves of its mask. (This sum and the one at hi had a pass of their own before.)
     */
    int listWeighed(int b, int j, int l, float lo, float hi, int[] hits, double[] below) {
        int xs = b * inputs, ws = j * inputs, half = DOUBLE_SPECIES.length();
        FloatVector low = FloatVector.broadcast(SPECIES, lo), high = FloatVector.broadcast(SPECIES, hi);
        IntVector iota = IntVector.zero(INT_SPECIES).addIndex(1);
        DoubleVector below0 = DoubleVector.zero(DOUBLE_SPECIES), below1 = below0, below2 = below0, below3 = below0;
        int part = inputs / (2 * LANES) * LANES; // vectors per half, in inputs
        int k0 = 0, k1 = part;
        for (int i = 0; i < part; i += LANES) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, x, xs + i).sub(FloatVector.fromArray(SPECIES, w, ws + i));
            FloatVector z1 = FloatVector.fromArray(SPECIES, x, xs + i + part)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + part));
            FloatVector v0 = FloatVector.fromArray(SPECIES, v, ws + i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, v, ws + i + part);
            VectorMask<Float> under0 = z0.compare(VectorOperators.LE, low);
            VectorMask<Float> under1 = z1.compare(VectorOperators.LE, low);
            VectorMask<Float> in0 = z0.compare(VectorOperators.LE, high).andNot(under0);
            VectorMask<Float> in1 = z1.compare(VectorOperators.LE, high).andNot(under1);
            IntVector at = iota.add(i);
            at.compress(in0.cast(INT_SPECIES)).intoArray(hits, k0);
            at.add(part).compress(in1.cast(INT_SPECIES)).intoArray(hits, k1);
            k0 += in0.trueCount();
            k1 += in1.trueCount();
            long bits0 = under0.toLong(), bits1 = under1.toLong();
            below0 = below0.add((DoubleVector) v0.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 0),
                    VectorMask.fromLong(DOUBLE_SPECIES, bits0));
            below1 = below1.add((DoubleVector) v0.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 1),
                    VectorMask.fromLong(DOUBLE_SPECIES, bits0 >>> half));
            below2 = below2.add((DoubleVector) v1.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 0),
                    VectorMask.fromLong(DOUBLE_SPECIES, bits1));
            below3 = below3.add((DoubleVector) v1.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 1),
                    VectorMask.fromLong(DOUBLE_SPECIES, bits1 >>> half));
        }
        int kept = join(hits, k0, part, k1);
        for (int i = 2 * part; i < inputs; i += LANES) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, inputs);
            FloatVector z = tail(xs, ws, i, valid);
            FloatVector weight = FloatVector.fromArray(SPECIES, v, ws + i, valid);
            VectorMask<Float> under = z.compare(VectorOperators.LE, low).and(valid);
            VectorMask<Float> in = z.compare(VectorOperators.LE, high).and(valid).andNot(under);
            iota.add(i).compress(in.cast(INT_SPECIES)).intoArray(hits, kept);
            kept += in.trueCount();
            long bits = under.toLong();
            below0 = below0.add((DoubleVector) weight.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 0),
                    VectorMask.fromLong(DOUBLE_SPECIES, bits));
            below1 = below1.add((DoubleVector) weight.convertShape(VectorOperators.F2D, DOUBLE_SPECIES, 1),
                    VectorMask.fromLong(DOUBLE_SPECIES, bits >>> half));
        }
        below[l] = below0.add(below1).add(below2.add(below3)).reduceLanes(VectorOperators.ADD);
        return kept;
    }

    /**
     * Lists the inputs with lo &lt; z_i &lt;= hi in increasing i into {@code hits} from 0 (which must have room for
     * every input plus one vector); returns their number. A compress per vector, no branch per input; the row
     * is listed in four parts side by side (each part's next store waits for the count of its last), whose
     * lists are then joined.
     */
    int list(int b, int j, float lo, float hi, int[] hits) {
        int xs = b * inputs, ws = j * inputs;
        FloatVector low = FloatVector.broadcast(SPECIES, lo), high = FloatVector.broadcast(SPECIES, hi);
        IntVector iota = IntVector.zero(INT_SPECIES).addIndex(1);
        int quarter = inputs / (4 * LANES) * LANES; // vectors per part, in inputs
        int k0 = 0, k1 = quarter, k2 = 2 * quarter, k3 = 3 * quarter; // each part's list starts at its first input
        for (int i = 0; i < quarter; i += LANES) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, x, xs + i).sub(FloatVector.fromArray(SPECIES, w, ws + i));
            FloatVector z1 = FloatVector.fromArray(SPECIES, x, xs + i + quarter)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + quarter));
            FloatVector z2 = FloatVector.fromArray(SPECIES, x, xs + i + 2 * quarter)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + 2 * quarter));
            FloatVector z3 = FloatVector.fromArray(SPECIES, x, xs + i + 3 * quarter)
                    .sub(FloatVector.fromArray(SPECIES, w, ws + i + 3 * quarter));
            VectorMask<Float> in0 = z0.compare(VectorOperators.GT, low).and(z0.compare(VectorOperators.LE, high));
            VectorMask<Float> in1 = z1.compare(VectorOperators.GT, low).and(z1.compare(VectorOperators.LE, high));
            VectorMask<Float> in2 = z2.compare(VectorOperators.GT, low).and(z2.compare(VectorOperators.LE, high));
            VectorMask<Float> in3 = z3.compare(VectorOperators.GT, low).and(z3.compare(VectorOperators.LE, high));
            IntVector at = iota.add(i);
            at.compress(in0.cast(INT_SPECIES)).intoArray(hits, k0);
            at.add(quarter).compress(in1.cast(INT_SPECIES)).intoArray(hits, k1);
            at.add(2 * quarter).compress(in2.cast(INT_SPECIES)).intoArray(hits, k2);
            at.add(3 * quarter).compress(in3.cast(INT_SPECIES)).intoArray(hits, k3);
            k0 += in0.trueCount();
            k1 += in1.trueCount();
            k2 += in2.trueCount();
            k3 += in3.trueCount();
        }
        int kept = join(hits, join(hits, join(hits, k0, quarter, k1), 2 * quarter, k2), 3 * quarter, k3);
        for (int i = 4 * quarter; i < inputs; i += LANES) {
            VectorMask<Float> valid = SPECIES.indexInRange(i, inputs);
            FloatVector z = tail(xs, ws, i, valid);
            VectorMask<Float> in = z.compare(VectorOperators.GT, low).and(z.compare(VectorOperators.LE, high)).and(valid);
            iota.add(i).compress(in.cast(INT_SPECIES)).intoArray(hits, kept);
            kept += in.trueCount();
        }
        return kept;
    }

    /**
     * Joins two lists in {@code hits}: the one in [start, end) moves down to follow the one in [0, kept);
     * returns the joined length.
     */
    private static int join(int[] hits, int kept, int start, int end) {
        System.arraycopy(hits, start, hits, kept, end - start);
        return kept + end - start;
    }

    /** z_i for the lanes of {@code valid} from input i on (the other lanes read nothing). */
    private FloatVector tail(int xs, int ws, int i, VectorMask<Float> valid) {
        return FloatVector.fromArray(SPECIES, x, xs + i, valid).sub(FloatVector.fromArray(SPECIES, w, ws + i, valid));
    }

    /** The sum of the lanes, in the order the JIT picks (a model's figure, not a result). */
    private static float sum(FloatVector v) {
        return v.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The smallest lane (largest with {@code max}) of finite lanes, through their order-preserving int images
     * ({@link org.linfgrad.backend.SortKey#orderedBits}): an int reduction, where a float one keeps
     * Math.min's rules for NaN and signed zeros at every step.
     */
    private static float extreme(FloatVector v, boolean max) {
        IntVector bits = v.add(0f).reinterpretAsInts(); // -0.0 + 0.0 is +0.0
        IntVector ordered = bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 31).and(0x7fffffff));
        int k = ordered.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        return org.linfgrad.backend.SortKey.fromOrderedBits(k);
    }

    /** The sum of lanes holding whole numbers whose sum is below 2^24: exact, as ints. */
    private static float wholeSum(FloatVector v) {
        return ((IntVector) v.convert(VectorOperators.F2I, 0)).reduceLanes(VectorOperators.ADD);
    }
}
