package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.tensor.Tensor;

/**
 * The dense L-p distance backward: with u = |z_bji| / y_bj, dL/dx_bi = sum_j g_bj u^(p-1) sign(z_bji) and
 * dL/dw_ji = -sum_b of the same, lanes across inputs. Each thread owns a range of neurons, so it writes their
 * rows of dL/dw alone, and sums dL/dx into a private buffer; the buffers are added in a fixed order at the
 * end, so results do not depend on thread timing. Neurons are taken
 * {@value #TILE} at a time for every sample, so their weight and gradient rows stay in cache while the
 * samples stream past.
 */
final class LpBackward {
    private static final int TILE = 8;

    private LpBackward() {}

    static Tensor[] run(Tensor g, Tensor xt, Tensor wt, Tensor yt, float p) {
        int batch = xt.dim(0), n = xt.dim(1), m = wt.dim(0);
        float[] x = xt.data(), w = wt.data(), y = yt.data(), gy = g.data();
        float[] gx = new float[batch * n];
        float[] gw = new float[m * n];
        int bound = SPECIES.loopBound(n);
        float cutoff = IntegerPower.cutoff((int) (p - 1));
        Map<Integer, float[]> partials = new ConcurrentSkipListMap<>();
        Parallel.forRange(m, Parallel.THREADS, (from, to) -> {
            float[] partialGx = new float[batch * n];
            for (int tile = from; tile < to; tile += TILE) {
                for (int b = 0; b < batch; b++) {
                    for (int j = tile; j < Math.min(tile + TILE, to); j++) {
                        float out = y[b * m + j];
                        float scale = gy[b * m + j];
                        if (out == 0 || scale == 0) {
                            continue;
                        }
                        float inverse = 1 / out;
                        FloatVector inv = FloatVector.broadcast(SPECIES, inverse);
                        FloatVector s = FloatVector.broadcast(SPECIES, scale);
                        int i = 0;
                        for (; i < bound; i += LANES) {
                            FloatVector z = FloatVector.fromArray(SPECIES, x, b * n + i)
                                    .sub(FloatVector.fromArray(SPECIES, w, j * n + i));
                            FloatVector c = s.mul(derivative(z, inv, p, cutoff));
                            c.add(FloatVector.fromArray(SPECIES, partialGx, b * n + i)).intoArray(partialGx, b * n + i);
                            FloatVector.fromArray(SPECIES, gw, j * n + i).sub(c).intoArray(gw, j * n + i);
                        }
                        for (; i < n; i++) {
                            float z = x[b * n + i] - w[j * n + i];
                            float c = (float) (scale * Math.pow(Math.abs(z) * inverse, p - 1) * Math.signum(z));
                            partialGx[b * n + i] += c;
                            gw[j * n + i] -= c;
                        }
                    }
                }
            }
            partials.put(from, partialGx);
        });
        for (float[] partial : partials.values()) { // in neuron order, so that results are reproducible
            for (int e = 0; e < gx.length; e++) {
                gx[e] += partial[e];
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n)};
    }

    /** (|z| / y)^(p-1) sign(z), given 1/y; whole p by {@link IntegerPower}. */
    private static FloatVector derivative(FloatVector z, FloatVector inverse, float p, float cutoff) {
        FloatVector u = z.abs().mul(inverse);
        if (p == 8) { // u^7 sign(z) = u^6 z / y: no sign blends
            FloatVector u2 = u.mul(u);
            return u2.mul(u2).mul(u2).mul(z).mul(inverse);
        }
        FloatVector magnitude = IntegerPower.applies(p - 1)
                ? IntegerPower.pow(u, (int) (p - 1), cutoff)
                : u.lanewise(VectorOperators.POW, p - 1);
        FloatVector zero = FloatVector.zero(SPECIES);
        return zero.blend(magnitude, z.compare(VectorOperators.GT, 0))
                .blend(magnitude.neg(), z.compare(VectorOperators.LT, 0));
    }
}
