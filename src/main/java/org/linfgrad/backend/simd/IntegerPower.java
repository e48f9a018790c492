package org.linfgrad.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * t^p for t in [0, 1] and a whole number p >= 0 by binary exponentiation: log2(p) squarings and a multiply
 * per set bit, where the vector pow is a slow per-lane call. (The kernels square powers of two in line,
 * several vectors side by side; this is for the other whole p.) Terms below 1e-30 are
 * flushed to zero first: they cannot change a sum that holds the term 1 (the maximum, t = 1) beyond
 * float precision, and flushing keeps every intermediate power out of the slow subnormal range.
 */
final class IntegerPower {
    private static final double NEGLIGIBLE = 1e-30;

    private IntegerPower() {}

    /** True when p is a whole number this class computes. */
    static boolean applies(float p) {
        return p == Math.rint(p) && p >= 0 && p <= 1 << 20;
    }

    /** k when p = 2^k (k >= 1) is a power of two, else -1. */
    static int squarings(float p) {
        int whole = (int) p;
        return p == whole && whole >= 2 && Integer.bitCount(whole) == 1 ? Integer.numberOfTrailingZeros(whole) : -1;
    }

    /** The smallest t whose p-th power is kept. */
    static float cutoff(int p) {
        return p == 0 ? 0 : (float) Math.exp(Math.log(NEGLIGIBLE) / p);
    }

    static FloatVector pow(FloatVector t, int p, float cutoff) {
        FloatVector base = t.blend(0f, t.compare(VectorOperators.LT, cutoff));
        FloatVector result = FloatVector.broadcast(t.species(), 1f);
        while (true) {
            if ((p & 1) != 0) {
                result = result.mul(base);
            }
            p >>>= 1;
            if (p == 0) {
                return result;
            }
            base = base.mul(base);
        }
    }
}
