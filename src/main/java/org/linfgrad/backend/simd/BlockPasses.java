package org.linfgrad.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector passes of the counting selects ({@link OrderSelect}) over the rows z_bji = x_bi - w_ji of one
 * sample b and one block of neurons j0..j0+BLOCK, lanes across the neurons of the weight panels
 * ({@link DistanceForward#panels}). Every per-lane array holds {@value DistanceForward#BLOCK} entries, lane l
 * for neuron j0 + l. The counting and listing passes cover two vectors of lanes from {@code lane0}, side by
 * side: enough independent chains to hide the latency of the adds, and a pair of vectors whose lanes are all
 * done is skipped.
 */
final class BlockPasses {
    static final VectorSpecies<Float> SPECIES = DistanceForward.SPECIES;
    static final int LANES = DistanceForward.LANES;
    static final int BLOCK = DistanceForward.BLOCK;
    /** The lanes one counting or listing pass covers. */
    static final int PAIR = 2 * LANES;
    private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
    private static final VectorSpecies<Double> DOUBLE_SPECIES = DoubleVector.SPECIES_PREFERRED;

    private final float[] x;
    private final float[] wt;
    /** The edge weights v in panels like wt, or null: the passes then count and do not weigh. */
    private final float[] vt;
    private final int inputs;

    BlockPasses(float[] x, float[] wt, float[] vt, int inputs) {
        this.x = x;
        this.wt = wt;
        this.vt = vt;
        this.inputs = inputs;
    }

    /** Per lane: sum_i z_i^2, min_i z_i and max_i z_i. */
    void extremes(int b, int j0, float[] squares, float[] min, float[] max) {
        for (int lane0 = 0; lane0 < BLOCK; lane0 += PAIR) {
            FloatVector sq0 = FloatVector.zero(SPECIES), sq1 = sq0;
            FloatVector min0 = FloatVector.broadcast(SPECIES, Float.POSITIVE_INFINITY), min1 = min0;
            FloatVector max0 = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY), max1 = max0;
            int row = j0 * inputs + lane0;
            for (int i = 0; i < inputs; i++) {
                FloatVector xi = FloatVector.broadcast(SPECIES, x[b * inputs + i]);
                FloatVector z0 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK));
                FloatVector z1 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK + LANES));
                sq0 = z0.fma(z0, sq0);
                sq1 = z1.fma(z1, sq1);
                min0 = min0.min(z0);
                min1 = min1.min(z1);
                max0 = max0.max(z0);
                max1 = max1.max(z1);
            }
            sq0.intoArray(squares, lane0);
            sq1.intoArray(squares, lane0 + LANES);
            min0.intoArray(min, lane0);
            min1.intoArray(min, lane0 + LANES);
            max0.intoArray(max, lane0);
            max1.intoArray(max, lane0 + LANES);
        }
    }

    /**
     * For the lanes lane0..lane0+PAIR: c1 = #{i : z_i &lt;= t1}, c2 = #{i : z_i &lt;= t2}, and with edge weights
     * s1 and s2 the float sums of v_ji over the same inputs (without, s1 and s2 are not written).
     */
    void count(int b, int j0, int lane0, float[] t1, float[] t2, float[] c1, float[] c2, float[] s1, float[] s2) {
        boolean weighted = vt != null;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a0 = FloatVector.fromArray(SPECIES, t1, lane0);
        FloatVector a1 = FloatVector.fromArray(SPECIES, t1, lane0 + LANES);
        FloatVector e0 = FloatVector.fromArray(SPECIES, t2, lane0);
        FloatVector e1 = FloatVector.fromArray(SPECIES, t2, lane0 + LANES);
        FloatVector na0 = FloatVector.zero(SPECIES), na1 = na0, ne0 = na0, ne1 = na0;
        FloatVector sa0 = na0, sa1 = na0, se0 = na0, se1 = na0;
        int row = j0 * inputs + lane0;
        for (int i = 0; i < inputs; i++) {
            FloatVector xi = FloatVector.broadcast(SPECIES, x[b * inputs + i]);
            int at = row + i * BLOCK;
            FloatVector z0 = xi.sub(FloatVector.fromArray(SPECIES, wt, at));
            FloatVector z1 = xi.sub(FloatVector.fromArray(SPECIES, wt, at + LANES));
            VectorMask<Float> belowA0 = z0.compare(VectorOperators.LE, a0);
            VectorMask<Float> belowA1 = z1.compare(VectorOperators.LE, a1);
            VectorMask<Float> belowE0 = z0.compare(VectorOperators.LE, e0);
            VectorMask<Float> belowE1 = z1.compare(VectorOperators.LE, e1);
            na0 = na0.add(one, belowA0);
            na1 = na1.add(one, belowA1);
            ne0 = ne0.add(one, belowE0);
            ne1 = ne1.add(one, belowE1);
            if (weighted) { // loop-invariant: the JIT compiles a loop for each case
                FloatVector v0 = FloatVector.fromArray(SPECIES, vt, at);
                FloatVector v1 = FloatVector.fromArray(SPECIES, vt, at + LANES);
                sa0 = sa0.add(v0, belowA0);
                sa1 = sa1.add(v1, belowA1);
                se0 = se0.add(v0, belowE0);
                se1 = se1.add(v1, belowE1);
            }
        }
        na0.intoArray(c1, lane0);
        na1.intoArray(c1, lane0 + LANES);
        ne0.intoArray(c2, lane0);
        ne1.intoArray(c2, lane0 + LANES);
        if (weighted) {
            sa0.intoArray(s1, lane0);
            sa1.intoArray(s1, lane0 + LANES);
            se0.intoArray(s2, lane0);
            se1.intoArray(s2, lane0 + LANES);
        }
    }

    /**
     * Per lane, in double: the sums of v_ji over the inputs with z_i &lt;= lo and with z_i &lt;= hi. Each vector
     * of neurons is split into two halves of double lanes, with the halves of its masks.
     */
    void exactMasses(int b, int j0, float[] lo, float[] hi, double[] below, double[] atOrBelow) {
        int half = DOUBLE_SPECIES.length();
        for (int lane0 = 0; lane0 < BLOCK; lane0 += LANES) {
            FloatVector low = FloatVector.fromArray(SPECIES, lo, lane0);
            FloatVector high = FloatVector.fromArray(SPECIES, hi, lane0);
            int row = j0 * inputs + lane0;
            DoubleVector below0 = DoubleVector.zero(DOUBLE_SPECIES), below1 = below0;
            DoubleVector atOrBelow0 = below0, atOrBelow1 = below0;
            for (int i = 0; i < inputs; i++) {
                FloatVector z = FloatVector.broadcast(SPECIES, x[b * inputs + i])
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
            below0.intoArray(below, lane0);
            below1.intoArray(below, lane0 + half);
            atOrBelow0.intoArray(atOrBelow, lane0);
            atOrBelow1.intoArray(atOrBelow, lane0 + half);
        }
    }

    /**
     * Lists the inputs with lo &lt; z_i &lt;= hi of the lanes lane0..lane0+PAIR, as lane + BLOCK * i in increasing
     * i, into {@code hits} from {@code kept} on (which must have room for PAIR more per input); returns the
     * new length. A compress per vector: no branch per input.
     */
    int list(int b, int j0, int lane0, float[] lo, float[] hi, int[] hits, int kept) {
        FloatVector lo0 = FloatVector.fromArray(SPECIES, lo, lane0);
        FloatVector lo1 = FloatVector.fromArray(SPECIES, lo, lane0 + LANES);
        FloatVector hi0 = FloatVector.fromArray(SPECIES, hi, lane0);
        FloatVector hi1 = FloatVector.fromArray(SPECIES, hi, lane0 + LANES);
        IntVector lane = IntVector.zero(INT_SPECIES).addIndex(1).add(lane0);
        int row = j0 * inputs + lane0;
        for (int i = 0; i < inputs; i++) {
            FloatVector xi = FloatVector.broadcast(SPECIES, x[b * inputs + i]);
            FloatVector z0 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK));
            FloatVector z1 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + i * BLOCK + LANES));
            VectorMask<Float> in0 = z0.compare(VectorOperators.GT, lo0).and(z0.compare(VectorOperators.LE, hi0));
            VectorMask<Float> in1 = z1.compare(VectorOperators.GT, lo1).and(z1.compare(VectorOperators.LE, hi1));
            IntVector where = lane.add(BLOCK * i);
            where.compress(in0.cast(INT_SPECIES)).intoArray(hits, kept);
            kept += in0.trueCount();
            where.add(LANES).compress(in1.cast(INT_SPECIES)).intoArray(hits, kept);
            kept += in1.trueCount();
        }
        return kept;
    }
}
