package org.linfgrad.backend.simd;

// OMIT FILE linf-backward: the student copy routes this kernel to the reference, where the student writes it

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.linfgrad.tensor.Tensor;

/**
 * The L-inf distance backward on all threads, the sign folded into the scatter: with
 * c_bj = g_bj sign(x_bi - w_ji) at i = argmax_bj, first dL/dw_ji = -(sum of c_bj over the b with argmax_bj = i)
 * (split over neurons, which also writes c), then dL/dx_bi = sum of c_bj over the j with argmax_bj = i (split
 * over samples). Each sum runs in the reference's order, b then j ascending, so the results are identical to it.
 * The first pass takes {@value #LANES} neurons at a time: it gathers x_bi and w_ji at their argmax, and
 * gathers, updates and scatters back dL/dw_ji, whose lanes lie in distinct rows j and so never collide.
 */
final class LinfBackward {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = SPECIES.vectorShape().withLanes(int.class);
    private static final int LANES = SPECIES.length();

    private LinfBackward() {}

    static Tensor[] run(Tensor g, Tensor x, Tensor w, int[] argmax) {
        int batch = x.dim(0), n = x.dim(1), m = w.dim(0);
        float[] gs = g.data(), xs = x.data(), ws = w.data();
        float[] c = new float[batch * m];
        float[] gx = new float[batch * n];
        float[] gw = new float[m * n];
        Parallel.forRange(m, (from, to) -> {
            int[] at = new int[LANES];
            IntVector rowStarts = IntVector.zero(INTS).addIndex(n);
            int j0 = from;
            for (; j0 + LANES <= to; j0 += LANES) {
                for (int b = 0; b < batch; b++) {
                    int out = b * m + j0;
                    rowStarts.add(IntVector.fromArray(INTS, argmax, out)).intoArray(at, 0);
                    FloatVector z = FloatVector.fromArray(SPECIES, xs, b * n, argmax, out)
                            .sub(FloatVector.fromArray(SPECIES, ws, j0 * n, at, 0));
                    FloatVector gb = FloatVector.fromArray(SPECIES, gs, out);
                    FloatVector cb = gb.mul(z) // g sign(z) for z = 0 or NaN, then z > 0 and z < 0
                            .blend(gb, z.compare(VectorOperators.GT, 0f))
                            .blend(gb.neg(), z.compare(VectorOperators.LT, 0f));
                    cb.intoArray(c, out);
                    FloatVector.fromArray(SPECIES, gw, j0 * n, at, 0).sub(cb).intoArray(gw, j0 * n, at, 0);
                }
            }
            for (int j = j0; j < to; j++) {
                for (int b = 0; b < batch; b++) {
                    int i = argmax[b * m + j];
                    c[b * m + j] = gs[b * m + j] * Math.signum(xs[b * n + i] - ws[j * n + i]);
                    gw[j * n + i] -= c[b * m + j];
                }
            }
        });
        Parallel.forRange(batch, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int j = 0; j < m; j++) {
                    gx[b * n + argmax[b * m + j]] += c[b * m + j];
                }
            }
        });
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n)};
    }
}
