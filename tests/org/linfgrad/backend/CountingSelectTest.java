package org.linfgrad.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.backend.reference.CountingSelect;

/** The scalar twin of the simd order-statistic kernel selects exactly what a sort of the keys does. */
class CountingSelectTest {

    private static int bySorting(float[] z, int k) {
        long[] keys = new long[z.length];
        for (int i = 0; i < z.length; i++) {
            keys[i] = SortKey.of(z[i], i);
        }
        Arrays.sort(keys);
        return SortKey.index(keys[k - 1]);
    }

    @Test
    void selectsWhatSortingSelectsOnContinuousTiedAndExtremeRows() {
        Random rng = new Random(16);
        float[][] pools = {{0.5f}, {-1f, 0f, 1f}, {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE},
            {1e-30f, -1e-30f, 1e30f, -1e30f, 3e-30f}};
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(trial < 150 ? 40 : 1500);
            float[] z = new float[n];
            float[] pool = pools[trial % pools.length];
            for (int i = 0; i < n; i++) {
                z[i] = trial % 5 == 4 ? (float) rng.nextGaussian() : pool[rng.nextInt(pool.length)];
            }
            for (int k : new int[] {1, (n + 1) / 2, n, 1 + rng.nextInt(n)}) {
                assertThat(CountingSelect.kth(z, k)).as("n %d k %d", n, k).isEqualTo(bySorting(z, k));
            }
        }
    }
}
