package org.linfgrad.backend.simd;

import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.tensor.Tensor;

/**
 * The dense L-infinity distance forward with its argmax, lanes across output neurons, and the layout it shares
 * with {@link LpForward}: the weights of a block of {@value #VECTORS} vectors of consecutive neurons are copied
 * inputs-major (a {@link WeightPanel}), so for a sample b and input i one broadcast of x_bi meets
 * {@value #VECTORS} vectors of neurons. Each lane keeps a running max with a strict greater-than compare over
 * increasing i, so ties go to the lowest index with no horizontal step, and the values equal the reference
 * kernel's bit for bit.
 */
final class DistanceForward extends DenseOperands {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int VECTORS = 4;
    static final int BLOCK = VECTORS * LANES;

    DistanceForward(Tensor x, Tensor w) {
        super(x, w);
    }

    /**
     * y_bj = max_i |x_bi - w_ji| and the first i reaching it. The samples go in pairs (the last one alone
     * when the batch is odd, paired with itself), so that each load of a weight vector serves two samples.
     */
    ArgReduction linf() {
        float[] y = new float[batch * outputs];
        int[] arg = new int[batch * outputs];
        int pairs = (batch + 1) / 2;
        Supplier<WeightPanel> panels = () -> new WeightPanel(w, inputs, outputs, 4 * BLOCK);
        BlockWalk.run(paddedOutputs / BLOCK, pairs, panels, (panel, pair, j0) -> {
            int b0 = 2 * pair;
            int b1 = Math.min(b0 + 1, batch - 1);
            float[] tile = panel.scratch;
            runningArgMax(b0, b1, panel.of(j0), tile);
            for (int r = 0; r <= b1 - b0; r++) {
                int row = (b0 + r) * outputs;
                int j = j0;
                for (; j + LANES <= Math.min(j0 + BLOCK, outputs); j += LANES) {
                    FloatVector.fromArray(SPECIES, tile, 2 * r * BLOCK + j - j0).intoArray(y, row + j);
                    FloatVector.fromArray(SPECIES, tile, (2 * r + 1) * BLOCK + j - j0)
                            .convert(VectorOperators.F2I, 0).reinterpretAsInts().intoArray(arg, row + j);
                }
                for (; j < Math.min(j0 + BLOCK, outputs); j++) {
                    y[row + j] = tile[2 * r * BLOCK + j - j0];
                    arg[row + j] = (int) tile[(2 * r + 1) * BLOCK + j - j0];
                }
            }
        });
        return new ArgReduction(Tensor.of(y, batch, outputs), arg);
    }

    /**
     * The running max with its argmax for samples b0 and b1 and the block of neurons from j0 whose weights
     * {@code wt} holds: writes max_i |x_bi - w_ji| of sample b0 to {@code out[j - j0]} and the first i reaching
     * it, as a float, to {@code out[BLOCK + j - j0]}, and those of b1 to {@code out[2 BLOCK + j - j0]} and
     * {@code out[3 BLOCK + j - j0]}. A strict greater-than per lane keeps the lowest index among ties.
     */
    private void runningArgMax(int b0, int b1, float[] wt, float[] out) {
        // BEGIN SOLUTION simd-linf-forward
        // two samples by four vectors of neurons: 16 vectors of state, each weight vector loaded once for both
        FloatVector max00 = FloatVector.zero(SPECIES), max01 = max00, max02 = max00, max03 = max00;
        FloatVector max10 = max00, max11 = max00, max12 = max00, max13 = max00;
        FloatVector arg00 = max00, arg01 = max00, arg02 = max00, arg03 = max00;
        FloatVector arg10 = max00, arg11 = max00, arg12 = max00, arg13 = max00;
        FloatVector index = FloatVector.broadcast(SPECIES, -1f); // i as a float, exact for i < 2^24
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        int x0 = b0 * inputs;
        int x1 = b1 * inputs;
        for (int i = 0; i < inputs; i++) {
            int row = i * BLOCK;
            FloatVector w0 = FloatVector.fromArray(SPECIES, wt, row);
            FloatVector w1 = FloatVector.fromArray(SPECIES, wt, row + LANES);
            FloatVector w2 = FloatVector.fromArray(SPECIES, wt, row + 2 * LANES);
            FloatVector w3 = FloatVector.fromArray(SPECIES, wt, row + 3 * LANES);
            index = index.add(one);

            FloatVector xi = FloatVector.broadcast(SPECIES, x[x0 + i]);
            FloatVector d0 = xi.sub(w0).abs(), d1 = xi.sub(w1).abs(), d2 = xi.sub(w2).abs(), d3 = xi.sub(w3).abs();
            VectorMask<Float> g0 = d0.compare(VectorOperators.GT, max00);
            VectorMask<Float> g1 = d1.compare(VectorOperators.GT, max01);
            VectorMask<Float> g2 = d2.compare(VectorOperators.GT, max02);
            VectorMask<Float> g3 = d3.compare(VectorOperators.GT, max03);
            max00 = max00.blend(d0, g0);
            max01 = max01.blend(d1, g1);
            max02 = max02.blend(d2, g2);
            max03 = max03.blend(d3, g3);
            arg00 = arg00.blend(index, g0);
            arg01 = arg01.blend(index, g1);
            arg02 = arg02.blend(index, g2);
            arg03 = arg03.blend(index, g3);

            xi = FloatVector.broadcast(SPECIES, x[x1 + i]);
            d0 = xi.sub(w0).abs();
            d1 = xi.sub(w1).abs();
            d2 = xi.sub(w2).abs();
            d3 = xi.sub(w3).abs();
            g0 = d0.compare(VectorOperators.GT, max10);
            g1 = d1.compare(VectorOperators.GT, max11);
            g2 = d2.compare(VectorOperators.GT, max12);
            g3 = d3.compare(VectorOperators.GT, max13);
            max10 = max10.blend(d0, g0);
            max11 = max11.blend(d1, g1);
            max12 = max12.blend(d2, g2);
            max13 = max13.blend(d3, g3);
            arg10 = arg10.blend(index, g0);
            arg11 = arg11.blend(index, g1);
            arg12 = arg12.blend(index, g2);
            arg13 = arg13.blend(index, g3);
        }
        // stored here, not through a helper: vectors passed to a call that is not inlined are boxed
        max00.intoArray(out, 0);
        max01.intoArray(out, LANES);
        max02.intoArray(out, 2 * LANES);
        max03.intoArray(out, 3 * LANES);
        arg00.intoArray(out, BLOCK);
        arg01.intoArray(out, BLOCK + LANES);
        arg02.intoArray(out, BLOCK + 2 * LANES);
        arg03.intoArray(out, BLOCK + 3 * LANES);
        max10.intoArray(out, 2 * BLOCK);
        max11.intoArray(out, 2 * BLOCK + LANES);
        max12.intoArray(out, 2 * BLOCK + 2 * LANES);
        max13.intoArray(out, 2 * BLOCK + 3 * LANES);
        arg10.intoArray(out, 3 * BLOCK);
        arg11.intoArray(out, 3 * BLOCK + LANES);
        arg12.intoArray(out, 3 * BLOCK + 2 * LANES);
        arg13.intoArray(out, 3 * BLOCK + 3 * LANES);
        // END SOLUTION
    }
}
