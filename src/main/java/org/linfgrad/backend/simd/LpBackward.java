package org.linfgrad.backend.simd;

// OMIT FILE lp-backward: the student copy routes this kernel to the reference, where the student writes it

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.linfgrad.tensor.Tensor;

/**
 * The dense L-p distance backward: with t = z_bji / y_bj, dL/dx_bi = sum_j g_bj |t|^(p-1) sign(t) and dL/dw_ji
 * = -sum_b of the same, lanes across inputs. For whole odd e = p - 1 (every even p, so every p of the
 * schedule) the term is g t^e, the sign coming with the odd power; two samples and two neurons are taken
 * together, so each load of a row of x or w serves two terms and each read-modify-write of dL/dx or dL/dw adds
 * two. t^e is a binary exponentiation of the signed t ({@link #tile}), except for p = 2^k from
 * {@value #QUOTIENT_MIN_P} on, where it is t^p / t ({@link #quotientTile}): k squarings and a division, which
 * runs beside the multiplies, in place of k - 1 squarings and k - 1 multiplies (forward+backward 1.06x to 1.10x
 * at p = 128, 1.18x at p = 1024; at p = 16 the division costs more than the multiplies it saves). Other p take
 * a row at a time ({@link #row}).
 *
 * <p>The neurons are split into {@link Parallel#THREADS} ranges, one task each: a task writes its neurons' rows
 * of dL/dw alone and sums dL/dx into its own buffer, and the buffers are added in range order at the end, so
 * results do not depend on thread timing. A task walks its neurons for {@value #SAMPLE_CHUNK} samples at a time,
 * so that those samples' rows of x and dL/dx stay in the core's cache while the weight rows are reused.
 */
final class LpBackward {
    private static final int SAMPLE_CHUNK = 64;
    /** Terms g t^e below this in magnitude are dropped: 8x above the smallest normal float (1.2e-38). */
    private static final float NORMAL_FLOOR = 1e-37f;
    /**
     * Above {@link #FLUSH_FREE_EXPONENT}, terms with |t|^e below this are dropped, which keeps every power of t
     * out of the slow subnormal range.
     */
    private static final double NEGLIGIBLE_POWER = 1e-30;
    /**
     * Up to this e, and for g not tiny, no term is flushed: a power of t is subnormal only where |t| < 5e-5,
     * too rare to cost time, and the compare and blend of the flush cost a quarter of the loop at p = 8.
     */
    private static final int UNSCALED_EXPONENT = 7;
    /**
     * Up to this e, and for g not tiny, no term is flushed either: above {@link #UNSCALED_EXPONENT} t and g are
     * scaled by 2^k and 2^-ke (see {@link #scalars}), so that a power of t is subnormal only where |t| < 1.2e-5
     * at p = 16 for |g| >= 2^-6 (backward 1.12x at p = 16; unscaled and unflushed it was 1.4x slower).
     */
    private static final int FLUSH_FREE_EXPONENT = 15;
    /** The largest power of two that the scaled t^e of {@link #scalars} may reach: far from overflow. */
    private static final int LARGEST_SCALED_POWER = 120;
    /** The least p whose terms {@link #quotientTile} computes. */
    private static final int QUOTIENT_MIN_P = 64;

    private final float[] x;
    private final float[] w;
    private final float[] y;
    private final float[] g;
    private final float[] gw;
    private final int batch;
    private final int n;
    private final int m;
    private final float p;
    /** p - 1 when it is a whole odd number (the tiles' path), else -1 (rows). */
    private final int oddExponent;
    private final float powerCutoff;
    /** k where p = 2^k is at least {@value #QUOTIENT_MIN_P}, else -1. */
    private final int squarings;
    /** Whether the tiles are {@link #quotientTile}'s: p a power of two, at least {@value #QUOTIENT_MIN_P}. */
    private final boolean quotient;
    /** Whether {@link #scalars} scales t and g: e in ({@value #UNSCALED_EXPONENT}, {@value #FLUSH_FREE_EXPONENT}]. */
    private final boolean scaled;

    private LpBackward(Tensor g, Tensor x, Tensor w, Tensor y, float p) {
        this.x = x.data();
        this.w = w.data();
        this.y = y.data();
        this.g = g.data();
        this.batch = x.dim(0);
        this.n = x.dim(1);
        this.m = w.dim(0);
        this.p = p;
        this.gw = new float[m * n];
        int e = (int) (p - 1);
        this.oddExponent = IntegerPower.applies(p - 1) && e % 2 == 1 ? e : -1;
        this.squarings = oddExponent + 1 >= QUOTIENT_MIN_P ? IntegerPower.squarings(p) : -1;
        this.quotient = squarings > 0;
        this.scaled = oddExponent > UNSCALED_EXPONENT && oddExponent <= FLUSH_FREE_EXPONENT;
        this.powerCutoff = e <= FLUSH_FREE_EXPONENT ? 0 : (float) Math.exp(Math.log(NEGLIGIBLE_POWER) / e);
    }

    static Tensor[] run(Tensor g, Tensor x, Tensor w, Tensor y, float p) {
        return new LpBackward(g, x, w, y, p).run();
    }

    private Tensor[] run() {
        int ranges = Math.max(1, Math.min((m + 1) / 2, Parallel.THREADS));
        float[][] partialGx = new float[ranges][batch * n];
        Parallel.forRange(ranges, ranges, (first, last) -> {
            for (int r = first; r < last; r++) {
                // neuron pairs split evenly, so that every range but the last starts at an even neuron
                int pairs = (m + 1) / 2;
                int from = 2 * (pairs * r / ranges), to = Math.min(m, 2 * (pairs * (r + 1) / ranges));
                walk(from, to, partialGx[r]);
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

    /** Every sample against the neurons [from, to), summing dL/dx into {@code gx}. */
    private void walk(int from, int to, float[] gx) {
        float[] unused = new float[n]; // the rows of a tile's missing sample or neuron, whose terms are 0
        float[] pair = new float[12]; // per (sample, neuron) of a tile: 1 / y, g and the cutoff of |t|
        for (int chunk = 0; chunk < batch; chunk += SAMPLE_CHUNK) {
            int chunkEnd = Math.min(chunk + SAMPLE_CHUNK, batch);
            for (int j = from; j < to; j += 2) {
                int j1 = Math.min(j + 1, to - 1);
                for (int b = chunk; b < chunkEnd; b += 2) {
                    int b1 = Math.min(b + 1, chunkEnd - 1);
                    if (oddExponent < 0) {
                        for (int bb = b; bb <= b1; bb++) {
                            for (int jj = j; jj <= j1; jj++) {
                                row(bb, jj, gx);
                            }
                        }
                        continue;
                    }
                    int bSecond = b1 == b ? -1 : b1, jSecond = j1 == j ? -1 : j1; // -1: the tile has one
                    boolean anyTerm = scalars(b, j, 0, pair) | scalars(b, jSecond, 1, pair)
                            | scalars(bSecond, j, 2, pair) | scalars(bSecond, jSecond, 3, pair);
                    int xb = b1 * n, wb = j1 * n, gxb = bSecond < 0 ? 0 : b1 * n, gwb = jSecond < 0 ? 0 : j1 * n;
                    float[] gxB = bSecond < 0 ? unused : gx, gwB = jSecond < 0 ? unused : gw;
                    if (anyTerm && quotient) {
                        quotientTile(b * n, xb, j * n, wb, pair, gx, b * n, gxB, gxb, j * n, gwB, gwb);
                    } else if (anyTerm) {
                        tile(b * n, xb, j * n, wb, pair, gx, b * n, gxB, gxb, j * n, gwB, gwb);
                    }
                }
            }
        }
    }

    /**
     * Writes 2^k / y, 2^-ke g and the cutoff of 2^k |t| of sample b and neuron j to slot s of {@code pair} (zeros,
     * so that every term is 0, for b or j = -1, y = 0 or g = 0); returns whether the pair has terms. Below the
     * cutoff |g| |t|^e would fall below {@value #NORMAL_FLOOR} (or |t|^e below {@value #NEGLIGIBLE_POWER}). For
     * e from {@value #UNSCALED_EXPONENT} + 1 to {@value #FLUSH_FREE_EXPONENT} k is the largest whole number that
     * keeps 2^-ke g normal, 2^k / y finite and the scaled powers (2^k |t|)^e <= 2^{@value #LARGEST_SCALED_POWER}
     * (at most 2^8 at e = 15): scaling by powers of two is exact, so each term g t^e comes out bit for bit as
     * unscaled wherever the unscaled powers are normal, and the scaled ones are subnormal only where |t| <
     * 2^-(126 / e + k). Otherwise k = 0.
     */
    private boolean scalars(int b, int j, int s, float[] pair) {
        float out = b < 0 || j < 0 ? 0 : y[b * m + j];
        float scale = out == 0 ? 0 : g[b * m + j];
        if (scale == 0) {
            pair[s] = pair[4 + s] = 0;
            // no term: 0 where nothing is flushed, 2 (every |t| is below it) where quotientTile divides by t
            pair[8 + s] = quotient ? 2 : 0;
            return false;
        }
        float magnitude = Math.abs(scale);
        int k = scaled ? scaleExponent(magnitude, out) : 0;
        float up = powerOfTwo(k);
        pair[s] = up / out;
        pair[4 + s] = scale * powerOfTwo(-k * oddExponent);
        // a cutoff above 2^k drops every term (|2^k t| <= 2^k); capped at 2^(k + 1) to stay a plain float
        pair[8 + s] = up * (magnitude * NEGLIGIBLE_POWER >= NORMAL_FLOOR ? powerCutoff
                : (float) Math.min(2, Math.max(powerCutoff, Math.pow(NORMAL_FLOOR / magnitude, 1.0 / oddExponent))));
        return true;
    }

    /** The k of {@link #scalars}: the largest keeping 2^-ke |g| normal, 2^k / y finite and 2^ke <= 2^120. */
    private int scaleExponent(float magnitude, float out) {
        int normalG = Math.min(LARGEST_SCALED_POWER, Math.getExponent(magnitude) + Float.MAX_EXPONENT - 1);
        int finiteInverse = Float.MAX_EXPONENT - 1 + Math.getExponent(out);
        return Math.max(0, Math.min(normalG / oddExponent, finiteInverse));
    }

    /** 2^k for a whole k in [-126, 127], from its bits (Math.scalb costs more, once per sample and neuron). */
    private static float powerOfTwo(int k) {
        return Float.intBitsToFloat((k + Float.MAX_EXPONENT) << 23);
    }

    /**
     * Terms g t^e of samples at x rows xa, xb and neurons at w rows wa, wb (slots 0: (a, a), 1: (a, b), 2: (b,
     * a), 3: (b, b) of {@code pair}), added to the dL/dx rows and subtracted from the dL/dw rows given.
     */
    private void tile(int xa, int xb, int wa, int wb, float[] pair, float[] gxA, int gxa, float[] gxB, int gxb,
                      int gwa, float[] gwB, int gwb) {
        FloatVector inv0 = FloatVector.broadcast(SPECIES, pair[0]), inv1 = FloatVector.broadcast(SPECIES, pair[1]);
        FloatVector inv2 = FloatVector.broadcast(SPECIES, pair[2]), inv3 = FloatVector.broadcast(SPECIES, pair[3]);
        FloatVector g0 = FloatVector.broadcast(SPECIES, pair[4]), g1 = FloatVector.broadcast(SPECIES, pair[5]);
        FloatVector g2 = FloatVector.broadcast(SPECIES, pair[6]), g3 = FloatVector.broadcast(SPECIES, pair[7]);
        FloatVector cut0 = FloatVector.broadcast(SPECIES, pair[8]), cut1 = FloatVector.broadcast(SPECIES, pair[9]);
        FloatVector cut2 = FloatVector.broadcast(SPECIES, pair[10]), cut3 = FloatVector.broadcast(SPECIES, pair[11]);
        boolean flush = pair[8] + pair[9] + pair[10] + pair[11] > 0; // see FLUSH_FREE_EXPONENT
        FloatVector ng0 = g0.neg(), ng1 = g1.neg(), ng2 = g2.neg(), ng3 = g3.neg();
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xa + i), x1 = FloatVector.fromArray(SPECIES, x, xb + i);
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, wa + i), w1 = FloatVector.fromArray(SPECIES, w, wb + i);
            FloatVector t0 = x0.sub(w0).mul(inv0), t1 = x0.sub(w1).mul(inv1);
            FloatVector t2 = x1.sub(w0).mul(inv2), t3 = x1.sub(w1).mul(inv3);
            if (flush) {
                t0 = t0.blend(0f, t0.abs().compare(VectorOperators.LT, cut0));
                t1 = t1.blend(0f, t1.abs().compare(VectorOperators.LT, cut1));
                t2 = t2.blend(0f, t2.abs().compare(VectorOperators.LT, cut2));
                t3 = t3.blend(0f, t3.abs().compare(VectorOperators.LT, cut3));
            }
            FloatVector r0 = t0, r1 = t1, r2 = t2, r3 = t3; // t^e by squarings, the four chains side by side
            for (int bits = oddExponent >>> 1; bits != 0; bits >>>= 1) {
                t0 = t0.mul(t0);
                t1 = t1.mul(t1);
                t2 = t2.mul(t2);
                t3 = t3.mul(t3);
                if ((bits & 1) != 0) {
                    r0 = r0.mul(t0);
                    r1 = r1.mul(t1);
                    r2 = r2.mul(t2);
                    r3 = r3.mul(t3);
                }
            }
            // dL/dx += g t^e of both neurons, dL/dw -= g t^e of both samples, each as two fused multiply-adds
            r1.fma(g1, r0.fma(g0, FloatVector.fromArray(SPECIES, gxA, gxa + i))).intoArray(gxA, gxa + i);
            r3.fma(g3, r2.fma(g2, FloatVector.fromArray(SPECIES, gxB, gxb + i))).intoArray(gxB, gxb + i);
            r2.fma(ng2, r0.fma(ng0, FloatVector.fromArray(SPECIES, gw, gwa + i))).intoArray(gw, gwa + i);
            r3.fma(ng3, r1.fma(ng1, FloatVector.fromArray(SPECIES, gwB, gwb + i))).intoArray(gwB, gwb + i);
        }
        tail(i, xa, xb, wa, wb, pair, gxA, gxa, gxB, gxb, gwa, gwB, gwb);
    }

    /**
     * {@link #tile} for p = 2^k from {@value #QUOTIENT_MIN_P} on, with t^e = t^p / t: k squarings, then a
     * division. The terms with |t| below the pair's cutoff, which is positive here (2 for a slot with no term),
     * are flushed, so no t it divides by is 0. One loop of squarings and no other: with a second loop after it
     * for the other bits of p (never entered at p = 2^k), C2 now and then compiled the method with its vectors
     * boxed, 15x slower for the rest of the run (at p = 64 in 6 of 6 runs under -XX:+PrintInlining, which
     * shifts the JIT's timing, and now and then without it).
     */
    private void quotientTile(int xa, int xb, int wa, int wb, float[] pair, float[] gxA, int gxa, float[] gxB,
                              int gxb, int gwa, float[] gwB, int gwb) {
        FloatVector inv0 = FloatVector.broadcast(SPECIES, pair[0]), inv1 = FloatVector.broadcast(SPECIES, pair[1]);
        FloatVector inv2 = FloatVector.broadcast(SPECIES, pair[2]), inv3 = FloatVector.broadcast(SPECIES, pair[3]);
        FloatVector g0 = FloatVector.broadcast(SPECIES, pair[4]), g1 = FloatVector.broadcast(SPECIES, pair[5]);
        FloatVector g2 = FloatVector.broadcast(SPECIES, pair[6]), g3 = FloatVector.broadcast(SPECIES, pair[7]);
        float c0 = pair[8], c1 = pair[9], c2 = pair[10], c3 = pair[11];
        FloatVector ng0 = g0.neg(), ng1 = g1.neg(), ng2 = g2.neg(), ng3 = g3.neg();
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xa + i), x1 = FloatVector.fromArray(SPECIES, x, xb + i);
            FloatVector w0 = FloatVector.fromArray(SPECIES, w, wa + i), w1 = FloatVector.fromArray(SPECIES, w, wb + i);
            FloatVector t0 = x0.sub(w0).mul(inv0), t1 = x0.sub(w1).mul(inv1);
            FloatVector t2 = x1.sub(w0).mul(inv2), t3 = x1.sub(w1).mul(inv3);
            VectorMask<Float> drop0 = t0.abs().compare(VectorOperators.LT, c0);
            VectorMask<Float> drop1 = t1.abs().compare(VectorOperators.LT, c1);
            VectorMask<Float> drop2 = t2.abs().compare(VectorOperators.LT, c2);
            VectorMask<Float> drop3 = t3.abs().compare(VectorOperators.LT, c3);
            // the divisors: t, and 1 where the term is dropped (t may be 0 there)
            FloatVector d0 = t0.blend(1f, drop0), d1 = t1.blend(1f, drop1);
            FloatVector d2 = t2.blend(1f, drop2), d3 = t3.blend(1f, drop3);
            t0 = t0.blend(0f, drop0);
            t1 = t1.blend(0f, drop1);
            t2 = t2.blend(0f, drop2);
            t3 = t3.blend(0f, drop3);
            for (int k = 0; k < squarings; k++) { // t^p, the four chains side by side
                t0 = t0.mul(t0);
                t1 = t1.mul(t1);
                t2 = t2.mul(t2);
                t3 = t3.mul(t3);
            }
            FloatVector r0 = t0.div(d0), r1 = t1.div(d1), r2 = t2.div(d2), r3 = t3.div(d3);
            // dL/dx += g t^e of both neurons, dL/dw -= g t^e of both samples, each as two fused multiply-adds
            r1.fma(g1, r0.fma(g0, FloatVector.fromArray(SPECIES, gxA, gxa + i))).intoArray(gxA, gxa + i);
            r3.fma(g3, r2.fma(g2, FloatVector.fromArray(SPECIES, gxB, gxb + i))).intoArray(gxB, gxb + i);
            r2.fma(ng2, r0.fma(ng0, FloatVector.fromArray(SPECIES, gw, gwa + i))).intoArray(gw, gwa + i);
            r3.fma(ng3, r1.fma(ng1, FloatVector.fromArray(SPECIES, gwB, gwb + i))).intoArray(gwB, gwb + i);
        }
        tail(i, xa, xb, wa, wb, pair, gxA, gxa, gxB, gxb, gwa, gwB, gwb);
    }

    /** The terms of a tile's last {@code n mod LANES} inputs, from input i on. */
    private void tail(int i, int xa, int xb, int wa, int wb, float[] pair, float[] gxA, int gxa, float[] gxB,
                      int gxb, int gwa, float[] gwB, int gwb) {
        for (; i < n; i++) {
            float xi0 = x[xa + i], xi1 = x[xb + i], wi0 = w[wa + i], wi1 = w[wb + i];
            float c0 = tailTerm(xi0 - wi0, pair, 0), c1 = tailTerm(xi0 - wi1, pair, 1);
            float c2 = tailTerm(xi1 - wi0, pair, 2), c3 = tailTerm(xi1 - wi1, pair, 3);
            gxA[gxa + i] += c0 + c1;
            gxB[gxb + i] += c2 + c3;
            gw[gwa + i] -= c0 + c2;
            gwB[gwb + i] -= c1 + c3;
        }
    }

    /** g t^e for the last {@code n mod LANES} inputs of a tile, with the pair's scalars in slot s. */
    private float tailTerm(float z, float[] pair, int s) {
        float t = z * pair[s];
        return Math.abs(t) < pair[8 + s] ? 0 : (float) (pair[4 + s] * Math.pow(t, oddExponent));
    }

    /** The terms of sample b and neuron j for p whose p - 1 is not a whole odd number. */
    private void row(int b, int j, float[] gx) {
        float out = y[b * m + j];
        float scale = g[b * m + j];
        if (out == 0 || scale == 0) {
            return;
        }
        float inverse = 1 / out;
        FloatVector inv = FloatVector.broadcast(SPECIES, inverse);
        FloatVector s = FloatVector.broadcast(SPECIES, scale);
        boolean whole = IntegerPower.applies(p - 1);
        float cutoff = IntegerPower.cutoff((int) (p - 1));
        FloatVector zero = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i < SPECIES.loopBound(n); i += LANES) {
            FloatVector z = FloatVector.fromArray(SPECIES, x, b * n + i)
                    .sub(FloatVector.fromArray(SPECIES, w, j * n + i));
            FloatVector u = z.abs().mul(inv);
            FloatVector magnitude = whole ? IntegerPower.pow(u, (int) (p - 1), cutoff)
                    : u.lanewise(VectorOperators.POW, p - 1);
            FloatVector c = s.mul(zero.blend(magnitude, z.compare(VectorOperators.GT, 0))
                    .blend(magnitude.neg(), z.compare(VectorOperators.LT, 0)));
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
