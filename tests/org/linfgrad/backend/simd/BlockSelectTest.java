package org.linfgrad.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.backend.SortKey;

/** Ordering a final bracket's keys by counting agrees with a sort, with and without tied values. */
class BlockSelectTest {

    @Test
    void keysOrderedByCountingAgreeWithASort() {
        Random rng = new Random(8);
        for (int trial = 0; trial < 500; trial++) {
            int m = 1 + rng.nextInt(100);
            boolean ties = rng.nextBoolean();
            long[] keys = new long[m + 16];
            for (int d = 0; d < m; d++) {
                float value = ties ? rng.nextInt(5) - 2 : (float) rng.nextGaussian();
                keys[d] = SortKey.of(rng.nextInt(10) == 0 ? -0f : value, 3 * d + rng.nextInt(3));
            }
            long[] want = Arrays.copyOf(keys, m);
            Arrays.sort(want);
            long[] got = new long[m];
            BlockSelect.sortByRank(keys, m, got, new int[m + 16]);
            assertThat(got).containsExactly(want);
            int r = rng.nextInt(m);
            assertThat(BlockSelect.rankedKey(keys, m, r)).isEqualTo(want[r]);
        }
    }
}
