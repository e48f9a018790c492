package org.linfgrad.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded shuffling and batching of sample positions. */
public final class Batches {
    private Batches() {}

    /** A random permutation of 0..n-1 (Fisher-Yates). */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        return p;
    }

    /** The positions 0..n-1, shuffled when rng is not null, cut into batches (the last one may be smaller). */
    public static List<int[]> of(int n, int batchSize, Random rng) {
        int[] order = rng == null ? identity(n) : permutation(n, rng);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            batches.add(Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
        }
        return batches;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }
}
