package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.BLOCK;
import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;
import static org.linfgrad.backend.simd.DistanceForward.VECTORS;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * One thread's copy of the weights of the block of {@value DistanceForward#BLOCK} neurons it works on in the
 * distance forward kernels, w[j0..j0+BLOCK)[i] at {@code weights[i BLOCK + j - j0]} (inputs-major, zero past the
 * last neuron), and its scratch for results. The copy is made by the thread that reads it, when it reaches a
 * new block ({@link BlockWalk} visits a thread's blocks in order, all samples of one before the next), so it is
 * written to and read from that core's cache.
 */
final class WeightPanel {
    final float[] weights;
    final float[] scratch;
    private final float[] w;
    private final int inputs;
    private final int outputs;
    private final int[] rowStarts = new int[LANES];
    private int packed = -1;

    /** A panel for the row-major [outputs, inputs] weights {@code w}, with {@code scratchLength} floats of scratch. */
    WeightPanel(float[] w, int inputs, int outputs, int scratchLength) {
        this.w = w;
        this.inputs = inputs;
        this.outputs = outputs;
        weights = new float[inputs * BLOCK];
        scratch = new float[scratchLength];
        for (int l = 0; l < LANES; l++) {
            rowStarts[l] = l * inputs;
        }
    }

    /** The weights of the block starting at neuron j0, copied when the panel held another block. */
    float[] of(int j0) {
        if (packed != j0) {
            if (j0 + BLOCK <= outputs) {
                gather(j0);
            } else {
                copyPartial(j0);
            }
            packed = j0;
        }
        return weights;
    }

    /** A whole block, a vector at a time: w_ji down {@value DistanceForward#LANES} rows j for each i. */
    private void gather(int j0) {
        for (int v = 0; v < VECTORS; v++) {
            int rows = (j0 + v * LANES) * inputs;
            for (int i = 0; i < inputs; i++) {
                FloatVector.fromArray(SPECIES, w, rows + i, rowStarts, 0).intoArray(weights, i * BLOCK + v * LANES);
            }
        }
    }

    /** The last block, past the last neuron: element by element, zero beyond it. */
    private void copyPartial(int j0) {
        int width = outputs - j0;
        Arrays.fill(weights, 0f);
        for (int l = 0; l < width; l++) {
            for (int i = 0; i < inputs; i++) {
                weights[i * BLOCK + l] = w[(j0 + l) * inputs + i];
            }
        }
    }
}
