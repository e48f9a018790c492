package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.BLOCK;
import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.tensor.Tensor;

/**
 * The dense L-p distance forward, in {@link DistanceForward}'s layout (lanes across output neurons, the weights
 * of a block in a {@link WeightPanel}): y_bj = m (sum_i (|x_bi - w_ji| / m)^p)^(1/p), the samples in pairs.
 */
final class LpForward extends DenseOperands {
    /** The largest p whose forward scales by a bound instead of a first pass for the max. */
    private static final float ONE_PASS_MAX_P = 64;
    /** A power sum below this (scaled by the bound) is redone scaled by the max. */
    private static final float SMALLEST_SUM = 1e-20f;
    /** Where the L-p forward keeps a block's power sums in a sample's slot of scratch, after the maxima. */
    private static final int SUMS = BLOCK;
    /** Where it keeps 1 / m, after the sums. */
    private static final int INVERSES = 2 * BLOCK;
    /** The scratch of one sample of a pair in the L-p forward: maxima, sums and inverses. */
    private static final int SLOT = 3 * BLOCK;
    /** The largest power of two p whose power sums are not flushed (see {@link #powerOfTwoSums}). */
    private static final int FLUSH_FREE_P = 16;

    LpForward(Tensor x, Tensor w) {
        super(x, w);
    }

    /**
     * y_bj = m (sum_i (|x_bi - w_ji| / m)^p)^(1/p) for any m >= max_i |x_bi - w_ji|; 0 when the max is 0. For
     * p up to {@value #ONE_PASS_MAX_P} m is the bound max(max_i x_bi - min_i w_ji, max_i w_ji - min_i x_bi),
     * which needs no pass of its own; where it overshoots so far that the sum falls below {@value #SMALLEST_SUM}
     * (the terms dropped as negligible could then matter), the sample's block is redone with m the max, as for
     * larger p, where the bound would overshoot the (p-th root of the) float range too often to pay.
     */
    Tensor lp(float p) {
        float[] y = new float[batch * outputs];
        boolean bounded = p <= ONE_PASS_MAX_P;
        RowRanges weightRanges = bounded ? new RowRanges(w, outputs, inputs, paddedOutputs) : null;
        RowRanges inputRanges = bounded ? new RowRanges(x, batch, inputs, batch) : null;
        int pairs = (batch + 1) / 2;
        Supplier<WeightPanel> panels = () -> new WeightPanel(w, inputs, outputs, 2 * SLOT);
        BlockWalk.run(paddedOutputs / BLOCK, pairs, panels, (panel, pair, j0) -> {
            int b0 = 2 * pair;
            int b1 = Math.min(b0 + 1, batch - 1); // the last sample of an odd batch pairs with itself
            float[] wt = panel.of(j0);
            float[] scratch = panel.scratch;
            int slot1 = b1 > b0 ? SLOT : 0;
            if (bounded) {
                for (int b = b0, slot = 0; b <= b1; b++, slot += SLOT) {
                    for (int l = 0; l < BLOCK; l++) {
                        scratch[slot + l] = inputRanges.boundOfDifferences(b, weightRanges, j0 + l);
                    }
                }
            } else {
                runningMax(b0, 0, b1, slot1, wt, scratch);
            }
            sums(b0, 0, b1, slot1, wt, p, scratch);
            for (int b = b0, slot = 0; b <= b1; b++, slot += SLOT) {
                if (bounded && anyBelow(scratch, slot + SUMS, SMALLEST_SUM)) {
                    runningMax(b, slot, b, slot, wt, scratch);
                    sums(b, slot, b, slot, wt, p, scratch);
                }
                for (int j = j0; j < Math.min(j0 + BLOCK, outputs); j++) {
                    float m = scratch[slot + j - j0];
                    float sum = scratch[slot + SUMS + j - j0];
                    y[b * outputs + j] = m == 0 ? 0 : (float) (m * Math.pow(sum, 1.0 / p));
                }
            }
        });
        return Tensor.of(y, batch, outputs);
    }

    /** Whether a power sum of the block, in {@code scratch[from..from + BLOCK)}, is below {@code limit}. */
    private static boolean anyBelow(float[] scratch, int from, float limit) {
        for (int l = from; l < from + BLOCK; l++) {
            if (scratch[l] < limit) {
                return true;
            }
        }
        return false;
    }

    /** min_i a_ri and max_i a_ri of each row of a row-major [rows, columns] array (0 for padding up to length). */
    private record RowRanges(float[] minima, float[] maxima) {
        RowRanges(float[] a, int rows, int columns, int length) {
            this(new float[length], new float[length]);
            for (int r = 0; r < rows; r++) {
                float min = columns == 0 ? 0 : a[r * columns], max = min;
                for (int i = 1; i < columns; i++) {
                    min = Math.min(min, a[r * columns + i]);
                    max = Math.max(max, a[r * columns + i]);
                }
                minima[r] = min;
                maxima[r] = max;
            }
        }

        /** max_i |a_ri - c_si| <= max(max_i a_ri - min_i c_si, max_i c_si - min_i a_ri), for c's row s. */
        float boundOfDifferences(int r, RowRanges c, int s) {
            return Math.max(maxima[r] - c.minima[s], c.maxima[s] - minima[r]);
        }
    }

    /**
     * With the maxima m of samples b0 and b1 in their slots of {@code scratch} (at {@code slot0} and {@code slot1},
     * the same slot when b0 = b1), writes sum_i (|z_bji| / m_j)^p to each slot's sums (and 1 / m to its
     * inverses on the way).
     */
    private void sums(int b0, int slot0, int b1, int slot1, float[] wt, float p, float[] scratch) {
        for (int l = 0; l < BLOCK; l++) {
            scratch[slot0 + INVERSES + l] = 1 / scratch[slot0 + l];
            scratch[slot1 + INVERSES + l] = 1 / scratch[slot1 + l];
        }
        int squarings = IntegerPower.squarings(p);
        if (squarings > 0) {
            powerOfTwoSums(b0, slot0, b1, slot1, wt, squarings, scratch);
        } else {
            powerSums(b0, slot0, wt, p, scratch);
            if (slot1 != slot0) {
                powerSums(b1, slot1, wt, p, scratch);
            }
        }
    }

    /**
     * {@link #powerSums} for p = 2^k and two samples at once, so that each load of a weight vector serves both:
     * t = z / m needs no abs, k - 1 squarings and a fused multiply-add give t^p. For p above
     * {@value #FLUSH_FREE_P} t^2 below the cutoff is flushed to 0 first, which keeps every power out of the slow
     * subnormal range; up to it a power is subnormal only where |t| < 2e-5, too rare to pay a compare and a
     * blend per element for.
     */
    private void powerOfTwoSums(int b0, int slot0, int b1, int slot1, float[] wt, int squarings, float[] scratch) {
        FloatVector inv00 = FloatVector.fromArray(SPECIES, scratch, slot0 + INVERSES);
        FloatVector inv01 = FloatVector.fromArray(SPECIES, scratch, slot0 + INVERSES + LANES);
        FloatVector inv02 = FloatVector.fromArray(SPECIES, scratch, slot0 + INVERSES + 2 * LANES);
        FloatVector inv03 = FloatVector.fromArray(SPECIES, scratch, slot0 + INVERSES + 3 * LANES);
        FloatVector inv10 = FloatVector.fromArray(SPECIES, scratch, slot1 + INVERSES);
        FloatVector inv11 = FloatVector.fromArray(SPECIES, scratch, slot1 + INVERSES + LANES);
        FloatVector inv12 = FloatVector.fromArray(SPECIES, scratch, slot1 + INVERSES + 2 * LANES);
        FloatVector inv13 = FloatVector.fromArray(SPECIES, scratch, slot1 + INVERSES + 3 * LANES);
        FloatVector sum00 = FloatVector.zero(SPECIES), sum01 = sum00, sum02 = sum00, sum03 = sum00;
        FloatVector sum10 = sum00, sum11 = sum00, sum12 = sum00, sum13 = sum00;
        boolean flush = 1 << squarings > FLUSH_FREE_P;
        float squareCutoff = IntegerPower.cutoff(1 << (squarings - 1)); // on t^2: its p/2-th power is kept
        int x0 = b0 * inputs;
        int x1 = b1 * inputs;
        for (int i = 0; i < inputs; i++) {
            int row = i * BLOCK;
            FloatVector w0 = FloatVector.fromArray(SPECIES, wt, row);
            FloatVector w1 = FloatVector.fromArray(SPECIES, wt, row + LANES);
            FloatVector w2 = FloatVector.fromArray(SPECIES, wt, row + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(SPECIES, wt, row + 3 * LANES);
            FloatVector xi = FloatVector.broadcast(SPECIES, x[x0 + i]);
            FloatVector t00 = xi.sub(w0).mul(inv00), t01 = xi.sub(w1).mul(inv01);
            FloatVector t02 = xi.sub(w2).mul(inv02), t03 = xi.sub(w3).mul(inv03);
            xi = FloatVector.broadcast(SPECIES, x[x1 + i]);
            FloatVector t10 = xi.sub(w0).mul(inv10), t11 = xi.sub(w1).mul(inv11);
            FloatVector t12 = xi.sub(w2).mul(inv12), t13 = xi.sub(w3).mul(inv13);
            for (int k = 1; k < squarings; k++) {
                t00 = t00.mul(t00);
                t01 = t01.mul(t01);
                t02 = t02.mul(t02);
                t03 = t03.mul(t03);
                t10 = t10.mul(t10);
                t11 = t11.mul(t11);
                t12 = t12.mul(t12);
                t13 = t13.mul(t13);
                if (k == 1 && flush) {
                    t00 = t00.blend(0f, t00.compare(VectorOperators.LT, squareCutoff));
                    t01 = t01.blend(0f, t01.compare(VectorOperators.LT, squareCutoff));
                    t02 = t02.blend(0f, t02.compare(VectorOperators.LT, squareCutoff));
                    t03 = t03.blend(0f, t03.compare(VectorOperators.LT, squareCutoff));
                    t10 = t10.blend(0f, t10.compare(VectorOperators.LT, squareCutoff));
                    t11 = t11.blend(0f, t11.compare(VectorOperators.LT, squareCutoff));
                    t12 = t12.blend(0f, t12.compare(VectorOperators.LT, squareCutoff));
                    t13 = t13.blend(0f, t13.compare(VectorOperators.LT, squareCutoff));
                }
            }
            sum00 = t00.fma(t00, sum00);
            sum01 = t01.fma(t01, sum01);
            sum02 = t02.fma(t02, sum02);
            sum03 = t03.fma(t03, sum03);
            sum10 = t10.fma(t10, sum10);
            sum11 = t11.fma(t11, sum11);
            sum12 = t12.fma(t12, sum12);
            sum13 = t13.fma(t13, sum13);
        }
        // stored here, not through a helper: vectors passed to a call that is not inlined are boxed
        sum00.intoArray(scratch, slot0 + SUMS);
        sum01.intoArray(scratch, slot0 + SUMS + LANES);
        sum02.intoArray(scratch, slot0 + SUMS + 2 * LANES);
        sum03.intoArray(scratch, slot0 + SUMS + 3 * LANES);
        sum10.intoArray(scratch, slot1 + SUMS);
        sum11.intoArray(scratch, slot1 + SUMS + LANES);
        sum12.intoArray(scratch, slot1 + SUMS + 2 * LANES);
        sum13.intoArray(scratch, slot1 + SUMS + 3 * LANES);
    }

    /**
     * With 1 / m in the inverses of the slot at {@code slot} of {@code scratch}, writes sum_i (|z_bji| / m_j)^p to
     * its sums. Whole p by binary exponentiation of the four vectors side by side
     * (independent chains the CPU overlaps), one compiled loop for every p, so that running one p does not
     * slow down another; other p through the vector pow.
     */
    private void powerSums(int b, int slot, float[] wt, float p, float[] scratch) {
        FloatVector inv0 = FloatVector.fromArray(SPECIES, scratch, slot + INVERSES);
        FloatVector inv1 = FloatVector.fromArray(SPECIES, scratch, slot + INVERSES + LANES);
        FloatVector inv2 = FloatVector.fromArray(SPECIES, scratch, slot + INVERSES + 2 * LANES);
        FloatVector inv3 = FloatVector.fromArray(SPECIES, scratch, slot + INVERSES + 3 * LANES);
        FloatVector sum0 = FloatVector.zero(SPECIES), sum1 = sum0, sum2 = sum0, sum3 = sum0;
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        boolean whole = IntegerPower.applies(p);
        int power = whole ? (int) p : 1; // other p: t^p by the vector pow, then "raised to 1"
        float cutoff = IntegerPower.cutoff(power);
        for (int i = 0; i < inputs; i++) {
            FloatVector xi = FloatVector.broadcast(SPECIES, x[b * inputs + i]);
            int row = i * BLOCK;
            FloatVector t0 = xi.sub(FloatVector.fromArray(SPECIES, wt, row)).abs().mul(inv0);
            FloatVector t1 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + LANES)).abs().mul(inv1);
            FloatVector t2 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 2 * LANES)).abs().mul(inv2);
            FloatVector t3 = xi.sub(FloatVector.fromArray(SPECIES, wt, row + 3 * LANES)).abs().mul(inv3);
            if (whole) { // flush what cannot count, so that no power reaches the slow subnormal range
                t0 = t0.blend(0f, t0.compare(VectorOperators.LT, cutoff));
                t1 = t1.blend(0f, t1.compare(VectorOperators.LT, cutoff));
                t2 = t2.blend(0f, t2.compare(VectorOperators.LT, cutoff));
                t3 = t3.blend(0f, t3.compare(VectorOperators.LT, cutoff));
            } else {
                t0 = t0.lanewise(VectorOperators.POW, p);
                t1 = t1.lanewise(VectorOperators.POW, p);
                t2 = t2.lanewise(VectorOperators.POW, p);
                t3 = t3.lanewise(VectorOperators.POW, p);
            }
            FloatVector r0 = one, r1 = one, r2 = one, r3 = one;
            for (int bits = power; ; ) { // binary exponentiation of the four vectors side by side
                if ((bits & 1) != 0) {
                    r0 = r0.mul(t0);
                    r1 = r1.mul(t1);
                    r2 = r2.mul(t2);
                    r3 = r3.mul(t3);
                }
                bits >>>= 1;
                if (bits == 0) {
                    break;
                }
                t0 = t0.mul(t0);
                t1 = t1.mul(t1);
                t2 = t2.mul(t2);
                t3 = t3.mul(t3);
            }
            sum0 = sum0.add(r0);
            sum1 = sum1.add(r1);
            sum2 = sum2.add(r2);
            sum3 = sum3.add(r3);
        }
        sum0.intoArray(scratch, slot + SUMS);
        sum1.intoArray(scratch, slot + SUMS + LANES);
        sum2.intoArray(scratch, slot + SUMS + 2 * LANES);
        sum3.intoArray(scratch, slot + SUMS + 3 * LANES);
    }

    /**
     * The register-blocked inner loop: four vectors of neurons and samples b0 and b1 (one broadcast of x_bi
     * each, every weight load serving both); maxima only, kept by a compare and a blend (the vector max has
     * Math.max's rules for NaN and -0, which cost more), written to the maxima of the slots at {@code slot0}
     * and {@code slot1} of {@code scratch} (the same slot when b0 = b1).
     */
    private void runningMax(int b0, int slot0, int b1, int slot1, float[] wt, float[] scratch) {
        FloatVector max00 = FloatVector.zero(SPECIES), max01 = max00, max02 = max00, max03 = max00;
        FloatVector max10 = max00, max11 = max00, max12 = max00, max13 = max00;
        int x0 = b0 * inputs;
        int x1 = b1 * inputs;
        for (int i = 0; i < inputs; i++) {
            int row = i * BLOCK;
            FloatVector w0 = FloatVector.fromArray(SPECIES, wt, row);
            FloatVector w1 = FloatVector.fromArray(SPECIES, wt, row + LANES);
            FloatVector w2 = FloatVector.fromArray(SPECIES, wt, row + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(SPECIES, wt, row + 3 * LANES);
            FloatVector xi = FloatVector.broadcast(SPECIES, x[x0 + i]);
            FloatVector d00 = xi.sub(w0).abs(), d01 = xi.sub(w1).abs(), d02 = xi.sub(w2).abs(), d03 = xi.sub(w3).abs();
            xi = FloatVector.broadcast(SPECIES, x[x1 + i]);
            FloatVector d10 = xi.sub(w0).abs(), d11 = xi.sub(w1).abs(), d12 = xi.sub(w2).abs(), d13 = xi.sub(w3).abs();
            max00 = max00.blend(d00, d00.compare(VectorOperators.GT, max00));
            max01 = max01.blend(d01, d01.compare(VectorOperators.GT, max01));
            max02 = max02.blend(d02, d02.compare(VectorOperators.GT, max02));
            max03 = max03.blend(d03, d03.compare(VectorOperators.GT, max03));
            max10 = max10.blend(d10, d10.compare(VectorOperators.GT, max10));
            max11 = max11.blend(d11, d11.compare(VectorOperators.GT, max11));
            max12 = max12.blend(d12, d12.compare(VectorOperators.GT, max12));
            max13 = max13.blend(d13, d13.compare(VectorOperators.GT, max13));
        }
        max00.intoArray(scratch, slot0);
        max01.intoArray(scratch, slot0 + LANES);
        max02.intoArray(scratch, slot0 + 2 * LANES);
        max03.intoArray(scratch, slot0 + 3 * LANES);
        max10.intoArray(scratch, slot1);
        max11.intoArray(scratch, slot1 + LANES);
        max12.intoArray(scratch, slot1 + 2 * LANES);
        max13.intoArray(scratch, slot1 + 3 * LANES);
    }
}
