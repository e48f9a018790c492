package org.linfgrad.gradcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * Random shapes and values for gradient checks. Extents are drawn from {1, 2, 3, 5, 7}, so size-1 and odd
 * axes come up often. Value samplers keep inputs at least {@value #GAP} (ten default steps) away from the
 * kinks the checked functions have.
 */
public final class Samplers {
    /** The smallest distance kept from a kink: ten steps of the default gradient check. */
    public static final float GAP = 0.1f;

    private static final int[] EXTENTS = {1, 2, 3, 5, 7};

    private Samplers() {}

    /** A random extent from {1, 2, 3, 5, 7}. */
    public static int extent(Random rng) {
        return EXTENTS[rng.nextInt(EXTENTS.length)];
    }

    /** A shape of the given rank with random extents. */
    public static int[] shape(Random rng, int rank) {
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = extent(rng);
        }
        return shape;
    }

    /** Uniform values in [lo, hi). */
    public static Tensor uniform(Random rng, float lo, float hi, int... shape) {
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return Tensor.of(data, shape);
    }

    /** Values with |x| in [GAP, 1] and a random sign: away from the kink of abs and relu at 0. */
    public static Tensor awayFromZero(Random rng, int... shape) {
        float[] data = uniform(rng, GAP, 1f, shape).data();
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextBoolean() ? data[i] : -data[i];
        }
        return Tensor.of(data, shape);
    }

    /**
     * Pairwise distinct values at least {@code 2 * GAP} apart, in random order: no ties of max or of any
     * order statistic along any axis, however far the check perturbs one element.
     */
    public static Tensor distinct(Random rng, int... shape) {
        int n = Shape.size(shape);
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ranks.add(i);
        }
        Collections.shuffle(ranks, rng);
        float[] data = new float[n];
        float offset = -GAP * n;
        for (int i = 0; i < n; i++) {
            data[i] = offset + 2 * GAP * ranks.get(i) + 0.5f * GAP * rng.nextFloat();
        }
        return Tensor.of(data, shape);
    }

    /**
     * Inputs x [batch, n] and weights w [m, n] of a distance or order-statistic neuron, kept away from every
     * kink: each row of x holds values of random sign with magnitudes 0.5, 0.5 + 2 GAP, 0.5 + 4 GAP, ... (in
     * random order, jittered by up to GAP / 2), and |w| &lt;= GAP / 4. So every z_bj = x_b - w_j has entries at
     * least GAP apart both in value and in magnitude, and at least 0.4 away from 0.
     */
    public static Tensor[] distanceInputs(Random rng, int batch, int n, int m) {
        float[] x = new float[batch * n];
        for (int b = 0; b < batch; b++) {
            float[] magnitudes = distinct(rng, n).data();
            for (int i = 0; i < n; i++) {
                float magnitude = 0.5f + GAP * n + magnitudes[i];
                x[b * n + i] = rng.nextBoolean() ? magnitude : -magnitude;
            }
        }
        return new Tensor[] {Tensor.of(x, batch, n), uniform(rng, -GAP / 4, GAP / 4, m, n)};
    }
}
