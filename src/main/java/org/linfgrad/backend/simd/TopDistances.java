package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.tensor.Tensor;

/**
 * The k largest |x_bi - w_ji| of every (sample b, neuron j), in descending order with ties to the lowest index,
 * equal to the reference's full sort. Each row keeps its k best so far in a sorted list; a vector of
 * distances (16 with AVX-512) is compared with a floor at once, and only the lanes at or above it are
 * inserted, in increasing i; once k are held the floor is just above the k-th, so that an equal later input
 * never displaces an earlier one ({@link #row}). Samples are split across threads; each thread walks
 * {@value #NEURONS} neurons at a time over its samples, so those weight rows stay in its cache.
 */
final class TopDistances {
    private static final int NEURONS = 16;

    private TopDistances() {}

    static ArgReduction[] run(Tensor xt, Tensor wt, int k) {
        int batch = xt.dim(0), n = xt.dim(1), m = wt.dim(0);
        float[] x = xt.data(), w = wt.data();
        float[][] values = new float[k][batch * m];
        int[][] inputs = new int[k][batch * m];
        Parallel.forRange(batch, (from, to) -> {
            float[] best = new float[k];
            int[] where = new int[k];
            float[] lanes = new float[LANES];
            for (int j0 = 0; j0 < m; j0 += NEURONS) {
                for (int b = from; b < to; b++) {
                    for (int j = j0; j < Math.min(j0 + NEURONS, m); j++) {
                        row(x, b * n, w, j * n, n, best, where, lanes);
                        for (int r = 0; r < k; r++) {
                            values[r][b * m + j] = best[r];
                            inputs[r][b * m + j] = where[r];
                        }
                    }
                }
            }
        });
        ArgReduction[] top = new ArgReduction[k];
        for (int r = 0; r < k; r++) {
            top[r] = new ArgReduction(Tensor.of(values[r], batch, m), inputs[r]);
        }
        return top;
    }

    /**
     * The k = best.length largest |x_i - w_i| of one row into best (descending) and where (their i), with
     * {@code lanes} as scratch. Where k is at most the lane count, a first pass takes the max of each lane; the
     * k-th largest of those distinct inputs is a floor no input below which can be among the k largest (k
     * inputs are at least it), so the second pass inserts only inputs at or above it, and then above the
     * k-th held: about k of them, not the k ln(n / k) of a single pass that starts from nothing.
     */
    private static void row(float[] x, int xRow, float[] w, int wRow, int n, float[] best, int[] where,
                            float[] lanes) {
        int k = best.length;
        int bound = SPECIES.loopBound(n);
        float floor = k <= LANES && bound > 0 ? laneMaximaFloor(x, xRow, w, wRow, bound, k, lanes) : 0;
        int filled = 0;
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, xRow + i).sub(FloatVector.fromArray(SPECIES, w, wRow + i))
                    .abs();
            long above = d.compare(VectorOperators.GE, floor).toLong();
            if (above != 0) {
                d.intoArray(lanes, 0);
            }
            while (above != 0) {
                int lane = Long.numberOfTrailingZeros(above);
                above &= above - 1;
                float v = lanes[lane];
                if (filled < k ? v >= floor : v > best[k - 1]) { // the floor: only a prefilter once full (infinities)
                    filled = insert(best, where, filled, v, i + lane);
                    floor = filled == k ? Math.nextUp(best[k - 1]) : floor; // full: only strictly larger ones
                }
            }
        }
        for (; i < n; i++) {
            float v = Math.abs(x[xRow + i] - w[wRow + i]);
            if (filled < k ? v >= floor : v > best[k - 1]) {
                filled = insert(best, where, filled, v, i);
                floor = filled == k ? Math.nextUp(best[k - 1]) : floor;
            }
        }
    }

    /** The k-th largest of the per-lane maxima of |x_i - w_i| over the first {@code bound} inputs. */
    private static float laneMaximaFloor(float[] x, int xRow, float[] w, int wRow, int bound, int k, float[] lanes) {
        FloatVector max = FloatVector.zero(SPECIES);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, xRow + i).sub(FloatVector.fromArray(SPECIES, w, wRow + i))
                    .abs();
            max = max.blend(d, d.compare(VectorOperators.GT, max));
        }
        max.intoArray(lanes, 0);
        java.util.Arrays.sort(lanes);
        return lanes[LANES - k];
    }

    /**
     * Puts v (from input i) into the descending list of {@code filled} entries after every entry >= v, dropping
     * the last one when the list is full; returns the new count.
     */
    private static int insert(float[] best, int[] where, int filled, float v, int i) {
        int k = best.length;
        int r = Math.min(filled, k - 1);
        while (r > 0 && best[r - 1] < v) {
            best[r] = best[r - 1];
            where[r] = where[r - 1];
            r--;
        }
        best[r] = v;
        where[r] = i;
        return Math.min(filled + 1, k);
    }
}
