package org.linfgrad.backend.reference;

import java.util.Arrays;
import org.linfgrad.backend.SortKey;

/**
 * The scalar twin of the simd backend's {@code OrderSelect}, for one row and the plain k-th smallest: the same
 * bracket (lo, hi] with the exact counts #{z &lt;= lo} &lt; k &lt;= #{z &lt;= hi}, narrowed by counting passes, here at the
 * midpoint of the bracket's order-preserving integer image (the simd kernel guesses better and counts two
 * thresholds per pass), until it holds at most {@value #CAPACITY} values or one value; then the inputs
 * inside are listed and their (value, index) keys decide, ties to the lowest index. Not used by the
 * reference kernels (which sort); it shows, and the tests check, that counting selects what sorting does.
 */
public final class CountingSelect {
    /** A bracket holding at most this many inputs is finished from their keys. */
    public static final int CAPACITY = 16;

    private CountingSelect() {}

    /** The index of the k-th smallest of the finite values z (1-based, ties to the lowest index). */
    public static int kth(float[] z, int k) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float value : z) {
            lo = Math.min(lo, value);
            hi = Math.max(hi, value);
        }
        lo = Math.nextDown(lo);
        int below = 0, atOrBelow = z.length;
        while (atOrBelow - below > CAPACITY && Math.nextUp(lo) < hi) {
            float t = middle(lo, hi);
            int count = 0;
            for (float value : z) {
                count += value <= t ? 1 : 0;
            }
            if (count >= k) {
                hi = t;
                atOrBelow = count;
            } else {
                lo = t;
                below = count;
            }
        }
        long[] inside = new long[z.length];
        int found = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] > lo && z[i] <= hi) {
                inside[found++] = SortKey.of(z[i], i);
            }
        }
        Arrays.sort(inside, 0, found); // one value: the keys are in index order
        return SortKey.index(inside[k - 1 - below]);
    }

    /** A float strictly inside (lo, hi), halfway between them in the order-preserving integer image. */
    static float middle(float lo, float hi) {
        long a = SortKey.orderedBits(lo), b = SortKey.orderedBits(hi);
        float t = SortKey.fromOrderedBits((int) ((a + b) >> 1));
        if (!(t > lo)) {
            t = Math.nextUp(lo);
        }
        return t < hi ? t : Math.nextDown(hi);
    }
}
