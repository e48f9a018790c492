package org.linfgrad.backend.simd;

// OMIT FILE simd-linf-forward: the student copy routes the L-inf forward to the student's simd kernel

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;

/**
 * The sparse L-infinity distance forward with lanes across neurons, in ELLPACK form: neurons are grouped
 * {@code LANES} at a time, and step t of a group holds the t-th kept edge of every neuron of the group (its
 * input index and weight), up to the group's largest degree. A step gathers x_b at those indices, so every
 * lane keeps a running max over its own neuron's edges in increasing input order with a strict greater-than
 * compare: ties go to the lowest index with no horizontal step. Steps past a neuron's degree hold weight NaN,
 * whose distance never compares greater.
 */
final class SparseForward {
    private final int[] groupStart;
    private final int[] index;
    private final float[] weight;
    private final int outputs;

    private SparseForward(Tensor w, EdgeList kept) {
        int n = w.dim(1);
        outputs = w.dim(0);
        int groups = (outputs + LANES - 1) / LANES;
        groupStart = new int[groups + 1];
        for (int k = 0; k < groups; k++) {
            int steps = 0;
            for (int j = k * LANES; j < Math.min((k + 1) * LANES, outputs); j++) {
                steps = Math.max(steps, kept.degree(j));
            }
            groupStart[k + 1] = groupStart[k] + steps * LANES;
        }
        index = new int[groupStart[groups]];
        weight = new float[groupStart[groups]];
        java.util.Arrays.fill(weight, Float.NaN);
        for (int j = 0; j < outputs; j++) {
            int slot = groupStart[j / LANES] + j % LANES;
            for (int e = kept.start()[j]; e < kept.start()[j + 1]; e++, slot += LANES) {
                index[slot] = kept.index()[e];
                weight[slot] = w.data()[j * n + kept.index()[e]];
            }
        }
    }

    static ArgReduction run(Tensor x, Tensor w, EdgeList kept) {
        return new SparseForward(w, kept).forward(x);
    }

    private ArgReduction forward(Tensor xt) {
        int batch = xt.dim(0), n = xt.dim(1), groups = groupStart.length - 1;
        float[] x = xt.data();
        float[] y = new float[batch * outputs];
        int[] arg = new int[batch * outputs];
        Parallel.forRange(batch, (from, to) -> {
            float[] max = new float[LANES];
            float[] step = new float[LANES];
            for (int b = from; b < to; b++) {
                for (int k = 0; k < groups; k++) {
                    FloatVector best = FloatVector.zero(SPECIES);
                    FloatVector bestStep = FloatVector.zero(SPECIES);
                    for (int s = groupStart[k], t = 0; s < groupStart[k + 1]; s += LANES, t++) {
                        FloatVector d = FloatVector.fromArray(SPECIES, x, b * n, index, s)
                                .sub(FloatVector.fromArray(SPECIES, weight, s)).abs();
                        VectorMask<Float> greater = d.compare(VectorOperators.GT, best);
                        best = best.blend(d, greater);
                        bestStep = bestStep.blend(t, greater);
                    }
                    best.intoArray(max, 0);
                    bestStep.intoArray(step, 0);
                    for (int l = 0, j = k * LANES; l < LANES && j < outputs; l++, j++) {
                        y[b * outputs + j] = max[l];
                        boolean empty = groupStart[k + 1] == groupStart[k];
                        arg[b * outputs + j] = empty ? 0 : index[groupStart[k] + (int) step[l] * LANES + l];
                    }
                }
            }
        });
        return new ArgReduction(Tensor.of(y, batch, outputs), arg);
    }
}
