package org.linfgrad.backend.simd;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.linfgrad.backend.SortKey;

/**
 * One thread's counting select ({@link OrderSelect}) for a block of {@value DistanceForward#BLOCK} neurons and
 * one sample at a time, one row after the other: passes along the row ({@link RowPasses}) narrow its lane of the
 * {@link LaneBrackets} until it is ready, one pass lists the inputs inside its bracket (for a single rank, the
 * counting pass that narrowed the bracket to its two thresholds has listed them already; for a weighted quantile,
 * the weighing pass, whose float sums then finish it unless their rounding could matter), and their (value,
 * index) keys ({@link SortKey}) in ascending order finish the selection exactly as the reference's sort does, ties to
 * the lowest index. The keys are ordered by counting, for each one, the keys below it a vector of longs at a time
 * (no branch on a comparison; an insertion sort of the same keys took about three times as long in a profile of
 * the soft order statistic). A bracket of a single value is finished in index order whatever the number of ties.
 * {@link #index} then gives, for every lane, the inputs of its target: ranks r1..r2 in order, or the one input of
 * a weighted quantile.
 */
final class BlockSelect {
    private static final int BLOCK = DistanceForward.BLOCK;
    private static final VectorSpecies<Long> KEY_SPECIES = LongVector.SPECIES_PREFERRED;
    private static final int KEY_LANES = KEY_SPECIES.length();
    private static final VectorSpecies<Integer> VALUE_SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int VALUE_LANES = VALUE_SPECIES.length();
    /**
     * A single rank's counting pass lists up to this many inputs between its thresholds, four times a ready
     * bracket's capacity: when the pass narrows the bracket to them, finding the rank among them costs less
     * than another pass and the listing pass. (Ranges of ranks do not list while counting: ordering a range's
     * wider list lost to narrowing it further, 0.94-0.97x for the soft order statistic.)
     */
    private static final int LISTED = 64;

    private final OrderSelect s;
    private final LaneBrackets brackets;
    private final boolean weighted;
    /** Room for the keys of a ready bracket, and the widest target range (the selected inputs of a lane). */
    private final int room;
    /** The most keys a counting pass's list may hold for its bracket to be finished from it; 0: no lists. */
    private final int listRoom;
    private final int width;
    private int j0 = -1;
    /** The keys of the lane being finished (lanes are finished one at a time), and those keys in order. */
    private final long[] keys;
    private final long[] sorted;
    /** The order-preserving images of the keys' values, for {@link #sortByRank}. */
    private final int[] values;
    private final int[] found = new int[BLOCK];
    /** Whether lane l keeps the keys of every input inside (else of its ties in the target range only). */
    private final boolean[] keepsAll = new boolean[BLOCK];
    /** Whether lane l's bracket holds too many inputs of more than one value: its row is sorted instead. */
    private final boolean[] sortsRow = new boolean[BLOCK];
    private final int[] selected;
    /** Weighted: the exact mass at or below lo and hi, the mass of the inputs listed so far, and for a bracket
     * of one value the first listed input whose mass reaches past q. */
    private final double[] exactBelow = new double[BLOCK];
    private final double[] exactAtOrBelow = new double[BLOCK];
    private final double[] running = new double[BLOCK];
    private final int[] chosen = new int[BLOCK];
    /** The inputs inside a bracket, in increasing i (room for every input and one vector more). */
    private final int[] hits;
    /** The inputs the last counting pass listed between its thresholds, their number (-1: none listed). */
    private int listed = -1;
    private float listedLow;
    private float listedHigh;

    BlockSelect(OrderSelect s) {
        this.s = s;
        this.weighted = s.weighted();
        this.width = s.maxWidth();
        this.room = LaneBrackets.capacity(width);
        this.listRoom = width > 1 ? 0 : LISTED;
        this.brackets = new LaneBrackets(weighted, s.inputs());
        int ordered = Math.max(room, listRoom);
        this.keys = new long[ordered + KEY_LANES];
        this.sorted = new long[ordered];
        this.values = new int[ordered + VALUE_LANES];
        this.selected = new int[BLOCK * width];
        this.hits = new int[s.inputs() + SimdBackend.lanes()];
    }

    /** Whether lane l has a neuron to select for. */
    boolean active(int l) {
        return brackets.active[l];
    }

    /** The r-th input (0-based) of lane l's target, after {@link #select}. */
    int index(int l, int r) {
        return selected[l * width + r];
    }

    /** Selects the targets of the neurons j0..j0+BLOCK for sample b, one row at a time. */
    void select(int b, int j0) {
        if (j0 != this.j0) {
            this.j0 = j0;
            for (int l = 0; l < BLOCK; l++) {
                s.target(j0 + l, brackets, l);
            }
        }
        RowPasses passes = s.passes();
        for (int l = 0; l < BLOCK; l++) {
            if (!brackets.active[l]) {
                brackets.open(l);
                continue;
            }
            int j = j0 + l;
            brackets.plan(l, s.modelMean(b, j), s.modelDeviation(b, j));
            if (brackets.needsExtremes(l)) { // the first or last occurrence of the min or max
                passes.open(b, j, l, brackets.t1[l], brackets.t2[l], brackets.min, brackets.max, brackets.c1,
                        brackets.c2, brackets.s1, brackets.s2);
                listed = -1;
            } else { // bounds of the min and max do as a first bracket: a plain count opens
                brackets.min[l] = s.lowerBound(b, j);
                brackets.max[l] = s.upperBound(b, j);
                count(b, j, l);
            }
            boolean ready = brackets.open(l);
            while (!ready && !listedBracket(l)) {
                count(b, j, l);
                ready = brackets.narrow(l);
            }
            if (listedBracket(l) && weighted) {
                selected[l * width] = weightedFromList(l, b);
                continue;
            }
            if (listedBracket(l)) {
                keepListed(l, b, listed);
            } else {
                listInside(l, b);
            }
            finish(l, b);
        }
    }

    /**
     * A counting pass of lane l at its thresholds; for a single rank it also lists the inputs between them,
     * which spares the listing pass when the bracket becomes exactly (t1, t2].
     */
    private void count(int b, int j, int l) {
        listedLow = brackets.t1[l];
        listedHigh = brackets.t2[l];
        if (listRoom == 0) {
            listed = -1;
            s.passes().count(b, j, l, listedLow, listedHigh, brackets.c1, brackets.c2);
        } else {
            listed = s.passes().countAndList(b, j, l, listedLow, listedHigh, brackets.c1, brackets.c2, brackets.s1,
                    brackets.s2, hits);
        }
    }

    /**
     * The weighted quantile of lane l from the inputs the last pass listed, which are every input inside its
     * bracket, ordered: their weights added in double to that pass's mass below the bracket
     * ({@link OrderSelect#mass}) give the interval ends c_r, each within {@link OrderSelect#massError} of the
     * exact ends (the reference's, exact by {@link OrderSelect#exactSums}), so where q lies farther than that
     * from every end, each comparison q &lt; c_r comes out as with the exact ends. Where it does not, a pass sums
     * the exact mass below the bracket and the ends are added again from it.
     */
    private int weightedFromList(int l, int b) {
        int j = j0 + l, m = listed;
        for (int h = 0; h < m; h++) {
            keys[h] = SortKey.of(s.z(b, j, hits[h]), hits[h]);
        }
        sortByRank(keys, m, sorted, values);
        double below = s.mass(j, brackets.countBelow[l], brackets.massBelow[l]);
        int input = weightedFromSorted(l, m, below, s.massError(j));
        if (input >= 0) {
            return input;
        }
        s.passes().listWeighed(b, j, l, brackets.lo[l], brackets.hi[l], hits, exactBelow); // the same list again
        input = weightedFromSorted(l, m, exactBelow[l], 0);
        return input >= 0 ? input : s.sortedRow(b, j); // q outside the bracket: the float sums misplaced it
    }

    /**
     * The input whose interval holds lane l's q, from its bracket's m inputs in ascending order in
     * {@code sorted}, their ends c_r = below + the weights of ranks 1..r (in double), each within {@code margin}
     * of the exact end; -1 when q is not at least margin above c_0 or lies within margin of an end before the
     * answer is certain, or when no interval of the bracket holds q.
     */
    private int weightedFromSorted(int l, int m, double below, double margin) {
        double quantile = brackets.low[l], upper = below;
        if (!(quantile >= upper + margin)) {
            return -1;
        }
        for (int r = 0; r < m; r++) {
            int i = SortKey.index(sorted[r]);
            upper += s.edgeWeight(j0 + l, i);
            if (quantile < upper - margin) {
                return i;
            }
            if (!(quantile >= upper + margin)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the last pass listed the inputs of lane l's bracket, and few enough to order them all. */
    private boolean listedBracket(int l) {
        return listed >= 0 && listed <= listRoom && brackets.lo[l] == listedLow && brackets.hi[l] == listedHigh;
    }

    /** Keeps the keys of the m inputs listed in {@code hits}, which are every input inside lane l's bracket. */
    private void keepListed(int l, int b, int m) {
        keepsAll[l] = true;
        sortsRow[l] = false;
        for (int h = 0; h < m; h++) {
            keys[h] = SortKey.of(s.z(b, j0 + l, hits[h]), hits[h]);
        }
        found[l] = m;
    }

    /** Lists the inputs inside lane l's bracket and keeps what its finish needs. */
    private void listInside(int l, int b) {
        keepsAll[l] = brackets.countAtOrBelow[l] - brackets.countBelow[l] <= brackets.capacity[l];
        sortsRow[l] = !keepsAll[l] && !brackets.last[l] && !weighted && !brackets.singleValue(l);
        found[l] = 0;
        running[l] = 0;
        chosen[l] = -1;
        if (sortsRow[l]) {
            return; // the row is sorted instead
        }
        int kept = weighted
                ? s.passes().listWeighed(b, j0 + l, l, brackets.lo[l], brackets.hi[l], hits, exactBelow)
                : s.passes().list(b, j0 + l, brackets.lo[l], brackets.hi[l], hits);
        if (keepsAll[l] && !brackets.last[l] && !weighted) { // the common case: every input inside
            keepListed(l, b, kept);
            return;
        }
        for (int h = 0; h < kept; h++) {
            keep(l, b, hits[h]);
        }
        exactAtOrBelow[l] = exactBelow[l] + running[l]; // exact sums (the caller checked), in any order
    }

    /** Input i is inside lane l's bracket. */
    private void keep(int l, int b, int i) {
        int j = j0 + l;
        int n = found[l]++;
        long key = SortKey.of(s.z(b, j, i), i);
        int base = 0; // lanes are finished one at a time
        if (sortsRow[l]) {
            return;
        }
        if (brackets.last[l]) {
            keys[base] = key; // the last occurrence of the max wins
        } else if (weighted) {
            running[l] += s.edgeWeight(j, i);
            if (chosen[l] < 0 && brackets.low[l] < exactBelow[l] + running[l]) {
                chosen[l] = i; // the answer if the bracket holds one value: index order
            }
            if (n < room) {
                keys[base + n] = key;
            }
        } else if (keepsAll[l]) {
            keys[base + n] = key;
        } else { // one value: its ties in index order, of which only the target range's are kept
            int slot = n - (int) (brackets.low[l] - brackets.countBelow[l]);
            if (slot >= 0 && slot < width) {
                keys[base + slot] = key;
            }
        }
    }

    /** Fills lane l's selected inputs from the keys listed inside its bracket. */
    private void finish(int l, int b) {
        int base = 0; // lanes are finished one at a time
        int out = l * width;
        if (sortsRow[l]) {
            s.sortedRanks(b, j0 + l, selected, out);
        } else if (brackets.last[l]) {
            selected[out] = SortKey.index(keys[base]);
        } else if (weighted) {
            selected[out] = weightedQuantile(l, b);
        } else {
            int first = (int) (brackets.low[l] - brackets.countBelow[l]); // ranks below the bracket
            int count = (int) (brackets.high[l] - brackets.low[l]) + 1;
            if (!keepsAll[l]) {
                first = 0; // the slots start at the target range
            } else if (count == 1) {
                keys[base] = rankedKey(keys, found[l], first);
                first = 0;
            } else {
                sortByRank(keys, found[l], sorted, values);
                for (int r = 0; r < count; r++) {
                    selected[out + r] = SortKey.index(sorted[first + r]);
                }
                return;
            }
            for (int r = 0; r < count; r++) {
                selected[out + r] = SortKey.index(keys[base + first + r]);
            }
        }
    }

    /** The input whose weight interval holds q, from the bracket's keys and the exact masses at its ends. */
    private int weightedQuantile(int l, int b) {
        int j = j0 + l;
        double quantile = brackets.low[l];
        if (quantile < exactBelow[l] || !(quantile < exactAtOrBelow[l])) {
            return s.sortedRow(b, j); // the float sums misplaced the bracket
        }
        if (found[l] > room) {
            return chosen[l]; // one value: chosen in index order while listing
        }
        sortByRank(keys, found[l], sorted, values);
        int input = weightedFromSorted(l, found[l], exactBelow[l], 0);
        return input >= 0 ? input : s.sortedRow(b, j);
    }

    /**
     * The key of rank r (0-based, ascending) among the m distinct keys a[0, m): the one with exactly r smaller
     * keys, found by counting them a vector at a time, with no branch per comparison. a must have room for m
     * rounded up to whole vectors (the rest is overwritten).
     */
    static long rankedKey(long[] a, int m, int r) {
        int padded = pad(a, m);
        for (int c = 0; c < m; c++) {
            if (smallerThan(a, padded, a[c]) == r) {
                return a[c];
            }
        }
        throw new IllegalStateException("no key of rank " + r + " among " + m);
    }

    /**
     * The m distinct keys a[0, m) into out[0, m) ascending: each goes to the place its number of smaller keys
     * names, counted a vector at a time with no branch on a comparison. First by the keys' values alone, in
     * int lanes (twice as many per vector as longs): when no two values tie, the counts are the ranks and fill
     * every place; a place left empty means ties, and the keys are counted again whole, index included, in
     * long lanes. a must have room for m rounded up to whole vectors of longs, {@code values} for m rounded up
     * to whole vectors of ints.
     */
    static void sortByRank(long[] a, int m, long[] out, int[] values) {
        int padded = (m + VALUE_LANES - 1) / VALUE_LANES * VALUE_LANES;
        for (int d = 0; d < m; d++) {
            values[d] = (int) (a[d] >>> 32); // the order-preserving image of the value (SortKey)
            out[d] = Long.MIN_VALUE; // below every key: an empty place
        }
        for (int d = m; d < padded; d++) {
            values[d] = Integer.MAX_VALUE; // above every finite value's image
        }
        for (int c = 0; c < m; c++) {
            out[valuesBelow(values, padded, values[c])] = a[c];
        }
        for (int d = 0; d < m; d++) {
            if (out[d] == Long.MIN_VALUE) { // ties: rank by the whole key
                int keyPadded = pad(a, m);
                for (int c = 0; c < m; c++) {
                    out[smallerThan(a, keyPadded, a[c])] = a[c];
                }
                return;
            }
        }
    }

    private static int valuesBelow(int[] values, int padded, int value) {
        IntVector v = IntVector.broadcast(VALUE_SPECIES, value);
        int smaller = 0;
        for (int d = 0; d < padded; d += VALUE_LANES) {
            smaller += IntVector.fromArray(VALUE_SPECIES, values, d).compare(VectorOperators.LT, v).trueCount();
        }
        return smaller;
    }

    /** Fills a[m, whole vectors) with a key above every real one (an index of -1); returns that length. */
    private static int pad(long[] a, int m) {
        int padded = (m + KEY_LANES - 1) / KEY_LANES * KEY_LANES;
        for (int d = m; d < padded; d++) {
            a[d] = Long.MAX_VALUE;
        }
        return padded;
    }

    private static int smallerThan(long[] a, int padded, long key) {
        LongVector k = LongVector.broadcast(KEY_SPECIES, key);
        int smaller = 0;
        for (int d = 0; d < padded; d += KEY_LANES) {
            smaller += LongVector.fromArray(KEY_SPECIES, a, d).compare(VectorOperators.LT, k).trueCount();
        }
        return smaller;
    }
}
