package org.linfgrad.backend;

/**
 * Sorting floats with their indices in one {@code long[]}: the high half is the float's bits mapped to an
 * order-preserving int, the low half the index, so that a plain sort orders by value and breaks ties by the
 * lowest index, the rule for every order statistic in linfgrad.
 */
public final class SortKey {
    private SortKey() {}

    /** The key of value {@code v} at index {@code i}; -0.0 sorts as +0.0. */
    public static long of(float v, int i) {
        return ((long) orderedBits(v) << 32) | (i & 0xffffffffL);
    }

    /** The order-preserving int image of a float: its bits, flipped below zero; -0.0 maps to +0.0. */
    public static int orderedBits(float v) {
        int bits = Float.floatToRawIntBits(v + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The float whose {@link #orderedBits} are k (-1, which that never gives, reads as -0.0). */
    public static float fromOrderedBits(int k) {
        return Float.intBitsToFloat(k ^ ((k >> 31) & 0x7fffffff));
    }

    /** The index stored in a key. */
    public static int index(long key) {
        return (int) key;
    }
}
