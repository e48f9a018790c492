package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The sparse L-infinity distance forward: for each (b, j), gathers x_b at the kept indices of neuron j and
 * compares with the kept weights, packed contiguously per edge. Each lane keeps its first maximum (strict
 * greater-than); the horizontal step takes the maximum and, among the lanes holding it, the smallest edge
 * position, which is the smallest input index since kept indices are increasing.
 */
final class SparseForward {
    private SparseForward() {}

    static ArgReduction run(Tensor xt, Tensor wt, EdgeList kept) {
        int batch = xt.dim(0), n = xt.dim(1), m = wt.dim(0);
        float[] x = xt.data();
        int[] start = kept.start();
        int[] index = kept.index();
        float[] packed = new float[kept.size()];
        for (int j = 0; j < m; j++) {
            for (int e = start[j]; e < start[j + 1]; e++) {
                packed[e] = wt.data()[j * n + index[e]];
            }
        }
        float[] lanePositions = new float[LANES];
        for (int l = 0; l < LANES; l++) {
            lanePositions[l] = l;
        }
        FloatVector iota = FloatVector.fromArray(SPECIES, lanePositions, 0);
        float[] y = new float[batch * m];
        int[] arg = new int[batch * m];
        Parallel.forRange(batch, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int j = 0; j < m; j++) {
                    int first = start[j];
                    int end = start[j + 1];
                    FloatVector best = FloatVector.zero(SPECIES);
                    FloatVector position = FloatVector.zero(SPECIES);
                    int e = first;
                    for (; e + LANES <= end; e += LANES) {
                        FloatVector d = FloatVector.fromArray(SPECIES, x, b * n, index, e)
                                .sub(FloatVector.fromArray(SPECIES, packed, e)).abs();
                        VectorMask<Float> greater = d.compare(VectorOperators.GT, best);
                        best = best.blend(d, greater);
                        position = position.blend(iota.add(e - first), greater);
                    }
                    float max = best.reduceLanes(VectorOperators.MAX);
                    int bestPosition = (int) position.blend(Float.MAX_VALUE, best.compare(VectorOperators.LT, max))
                            .reduceLanes(VectorOperators.MIN);
                    for (; e < end; e++) {
                        float d = Math.abs(x[b * n + index[e]] - packed[e]);
                        if (d > max) {
                            max = d;
                            bestPosition = e - first;
                        }
                    }
                    y[b * m + j] = max;
                    arg[b * m + j] = end > first ? index[first + bestPosition] : 0;
                }
            }
        });
        return new ArgReduction(Tensor.of(y, batch, m), arg);
    }
}
