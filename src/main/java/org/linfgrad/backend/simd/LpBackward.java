package org.linfgrad.backend.simd;

// OMIT FILE lp-backward: the student copy routes this kernel to the reference, where the student writes it

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.tensor.Tensor;

/**
 * The dense L-p distance backward: with u = |z_bji| / y_bj, dL/dx_bi = sum_j g_bj u^(p-1) sign(z_bji) and
 * dL/dw_ji = -sum_b of the same, lanes across inputs. The neurons are split into {@link Parallel#THREADS}
 * ranges, one task each: a task writes its neurons' rows of dL/dw alone and sums dL/dx into its own buffer,
 * and the buffers are added in range order at the end, so results do not depend on thread timing. Neurons
 * are taken {@value #TILE} at a time for every sample, so their weight and gradient rows stay in cache while
 * the samples stream past. How a row's terms are computed depends on p alone: see {@link Path}.
 */
final class LpBackward {
    private static final int TILE = 8;
    private static final int UNROLL = 2;
    /** Below this |y g| the product u^p |y g| of a kept term could leave the normal float range. */
    private static final float SMALL_WEIGHT = 1e-6f;
    /** Terms u^p |y g| below this are dropped: 8x above the smallest normal float (1.2e-38). */
    private static final float NORMAL_FLOOR = 1e-37f;

    /**
     * How the term u^(p-1) sign(z) of one (sample, neuron) row is computed, chosen once per call from p. Every
     * path finishes the row's last {@code n mod LANES} inputs in scalar code.
     */
    private enum Path {
        /** p = 8: u^7 sign(z) = u^6 z / y, three multiplies in line and no sign blends. */
        EIGHTH_POWER,
        /**
         * p = 2^k above 8: u^p y / z (0 where z = 0) with k squarings, {@value #UNROLL} vectors side by side
         * ({@link #powerOfTwoBlocks}), then single vectors as for {@link #WHOLE}.
         */
        POWER_OF_TWO,
        /** Other whole p: u^(p-1) by {@link IntegerPower}, then the sign by two blends. */
        WHOLE,
        /** Any other p: the vector pow, then the sign by two blends. */
        GENERAL;

        static Path of(float p) {
            if (p == 8) {
                return EIGHTH_POWER;
            }
            if (IntegerPower.squarings(p) > 3) {
                return POWER_OF_TWO;
            }
            return IntegerPower.applies(p - 1) ? WHOLE : GENERAL;
        }
    }

    private LpBackward() {}

    static Tensor[] run(Tensor g, Tensor xt, Tensor wt, Tensor yt, float p) {
        int batch = xt.dim(0), n = xt.dim(1), m = wt.dim(0);
        float[] x = xt.data(), w = wt.data(), y = yt.data(), gy = g.data();
        float[] gw = new float[m * n];
        Path path = Path.of(p);
        int bound = SPECIES.loopBound(n);
        float cutoff = IntegerPower.cutoff((int) (p - 1));
        int squarings = IntegerPower.squarings(p);
        float powerCutoff = IntegerPower.cutoff((int) p);
        int ranges = Math.max(1, Math.min(m, Parallel.THREADS));
        float[][] partialGx = new float[ranges][batch * n];
        Parallel.forRange(ranges, ranges, (first, last) -> {
            for (int r = first; r < last; r++) {
                float[] gx = partialGx[r];
                int from = m * r / ranges, to = m * (r + 1) / ranges;
                for (int tile = from; tile < to; tile += TILE) {
                    for (int b = 0; b < batch; b++) {
                        for (int j = tile; j < Math.min(tile + TILE, to); j++) {
                            float out = y[b * m + j];
                            float scale = gy[b * m + j];
                            if (out == 0 || scale == 0) {
                                continue;
                            }
                            int i = path == Path.POWER_OF_TWO
                                    ? powerOfTwoBlocks(x, w, b * n, j * n, n, out, scale, squarings, powerCutoff,
                                            gx, gw)
                                    : 0;
                            float inverse = 1 / out;
                            FloatVector inv = FloatVector.broadcast(SPECIES, inverse);
                            FloatVector s = FloatVector.broadcast(SPECIES, scale);
                            for (; i < bound; i += LANES) {
                                FloatVector z = FloatVector.fromArray(SPECIES, x, b * n + i)
                                        .sub(FloatVector.fromArray(SPECIES, w, j * n + i));
                                FloatVector c = s.mul(derivative(path, z, inv, p, cutoff));
                                c.add(FloatVector.fromArray(SPECIES, gx, b * n + i)).intoArray(gx, b * n + i);
                                FloatVector.fromArray(SPECIES, gw, j * n + i).sub(c).intoArray(gw, j * n + i);
                            }
                            for (; i < n; i++) {
                                float z = x[b * n + i] - w[j * n + i];
                                float c = (float) (scale * Math.pow(Math.abs(z) * inverse, p - 1) * Math.signum(z));
                                gx[b * n + i] += c;
                                gw[j * n + i] -= c;
                            }
                        }
                    }
                }
            }
        });
        float[] gx = partialGx[0];
        for (int r = 1; r < ranges; r++) {
            for (int e = 0; e < gx.length; e++) {
                gx[e] += partialGx[r][e];
            }
        }
        return new Tensor[] {Tensor.of(gx, batch, n), Tensor.of(gw, m, n)};
    }

    /**
     * The vector part of one (sample, neuron) row for p = 2^k, {@value #UNROLL} vectors at a time so that
     * their k squarings run side by side: with u = |z| / y, the term u^(p-1) sign(z) is u^p y / z (0 where
     * z = 0), and u^p is k squarings of u, flushed to 0 below the cutoff where it could not count, raised for
     * tiny upstream gradients g so that no product becomes subnormal (which costs a microcode assist each:
     * on Fashion-MNIST at p = 32 this made the backward 4x the forward). Returns the first input it did not
     * process.
     */
    private static int powerOfTwoBlocks(float[] x, float[] w, int xRow, int wRow, int n, float out, float scale,
                                        int squarings, float cutoff, float[] partialGx, float[] gw) {
        float weight = Math.abs(out * scale);
        if (weight < SMALL_WEIGHT) { // raise the flush so that u^p |y g| stays a normal float, not a slow subnormal
            cutoff = Math.max(cutoff, (float) Math.pow(NORMAL_FLOOR / weight, 1.0 / (1 << squarings)));
            if (cutoff >= 1) {
                return SPECIES.loopBound(n); // every term below the normal range: nothing to add
            }
        }
        FloatVector inv = FloatVector.broadcast(SPECIES, 1 / out);
        FloatVector outScaled = FloatVector.broadcast(SPECIES, out * scale);
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + UNROLL * LANES <= n; i += UNROLL * LANES) {
            FloatVector z0 = FloatVector.fromArray(SPECIES, x, xRow + i)
                    .sub(FloatVector.fromArray(SPECIES, w, wRow + i));
            FloatVector z1 = FloatVector.fromArray(SPECIES, x, xRow + i + LANES)
                    .sub(FloatVector.fromArray(SPECIES, w, wRow + i + LANES));
            FloatVector u0 = z0.abs().mul(inv);
            FloatVector u1 = z1.abs().mul(inv);
            u0 = u0.blend(zero, u0.compare(VectorOperators.LT, cutoff));
            u1 = u1.blend(zero, u1.compare(VectorOperators.LT, cutoff));
            for (int k = 0; k < squarings; k++) {
                u0 = u0.mul(u0);
                u1 = u1.mul(u1);
            }
            FloatVector c0 = u0.mul(outScaled).div(z0).blend(zero, z0.compare(VectorOperators.EQ, 0));
            FloatVector c1 = u1.mul(outScaled).div(z1).blend(zero, z1.compare(VectorOperators.EQ, 0));
            c0.add(FloatVector.fromArray(SPECIES, partialGx, xRow + i)).intoArray(partialGx, xRow + i);
            c1.add(FloatVector.fromArray(SPECIES, partialGx, xRow + i + LANES))
                    .intoArray(partialGx, xRow + i + LANES);
            FloatVector.fromArray(SPECIES, gw, wRow + i).sub(c0).intoArray(gw, wRow + i);
            FloatVector.fromArray(SPECIES, gw, wRow + i + LANES).sub(c1).intoArray(gw, wRow + i + LANES);
        }
        return i;
    }

    /** (|z| / y)^(p-1) sign(z), given 1/y, on the given path ({@link Path#POWER_OF_TWO} is also whole). */
    private static FloatVector derivative(Path path, FloatVector z, FloatVector inverse, float p, float cutoff) {
        FloatVector u = z.abs().mul(inverse);
        if (path == Path.EIGHTH_POWER) {
            FloatVector u2 = u.mul(u);
            return u2.mul(u2).mul(u2).mul(z).mul(inverse);
        }
        FloatVector magnitude = path == Path.GENERAL
                ? u.lanewise(VectorOperators.POW, p - 1)
                : IntegerPower.pow(u, (int) (p - 1), cutoff);
        FloatVector zero = FloatVector.zero(SPECIES);
        return zero.blend(magnitude, z.compare(VectorOperators.GT, 0))
                .blend(magnitude.neg(), z.compare(VectorOperators.LT, 0));
    }
}
