package org.linfgrad.nn;

import java.util.Random;
import org.linfgrad.tensor.Tensor;

/** Weight initialisations. */
public final class Init {
    /** The default value of the identity initialisation, as in the L-infinity-dist net papers. */
    public static final float IDENTITY_VALUE = 10f;

    private Init() {}

    /** N(0, 1) weights of shape [out, in], the distance neurons' initialisation. */
    public static Tensor normal(Random rng, int out, int in) {
        return Tensor.randn(rng, out, in);
    }

    /** Uniform in [-bound, bound]; a linear layer of fan-in n uses bound = 1/sqrt(n). */
    public static Tensor uniform(Random rng, float bound, int... shape) {
        float[] data = Tensor.rand(rng, shape).data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (2 * data[i] - 1) * bound;
        }
        return Tensor.of(data, shape);
    }

    /**
     * The identity initialisation of a distance layer with in &lt;= out: w[j][j mod in] = -value. For inputs
     * well inside (-value, value) neuron j then outputs |x_{j mod in} + value| = x_{j mod in} + value, so a
     * deep distance net with mean shift starts close to the identity map.
     *
     * @return {@code w}, modified in place
     */
    public static Tensor identity(Tensor w, float value) {
        int out = w.dim(0);
        int in = w.dim(1);
        if (in > out) {
            throw new IllegalArgumentException("identity initialisation needs in <= out, got in = " + in
                    + ", out = " + out);
        }
        for (int j = 0; j < out; j++) {
            w.set(-value, j, j % in);
        }
        return w;
    }
}
