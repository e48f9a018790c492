package org.linfgrad.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * t^p for t in [0, 1] and a whole number p >= 0 by binary exponentiation: log2(p) squarings and a multiply
 * per set bit (p = 8: three squarings), where the vector pow is a slow per-lane call. Terms below 1e-30 are
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

    /** The smallest t whose p-th power is kept. */
    static float cutoff(int p) {
        return p == 0 ? 0 : (float) Math.exp(Math.log(NEGLIGIBLE) / p);
    }

    static FloatVector pow(FloatVector t, int p, float cutoff) {
        if (p == 8) { // the first phase of every p schedule: three squarings, no flush needed above 1.7e-5
            FloatVector t2 = t.mul(t);
            FloatVector t4 = t2.mul(t2);
            return t4.mul(t4);
        }
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
