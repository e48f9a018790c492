package org.linfgrad.data;

import org.linfgrad.tensor.Tensor;

/**
 * x' = (x - mean) / std with one scalar mean and std per data set, so that an L-infinity ball of radius eps
 * around x in [0, 1] units is the ball of radius eps / std around x'.
 */
public record Normalization(float mean, float std) {

    /** The statistics of a training set. */
    public static Normalization of(Dataset train) {
        return new Normalization((float) train.pixelMean(), (float) train.pixelStd());
    }

    public Tensor apply(Tensor images) {
        float[] in = images.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (in[i] - mean) / std;
        }
        return Tensor.of(out, images.shape());
    }

    /** A radius in [0, 1] pixel units as a radius in normalised units. */
    public float radius(double eps) {
        return (float) (eps / std);
    }

    /** The normalised value of a pixel value, for the bounds of the data range. */
    public float value(float pixel) {
        return (pixel - mean) / std;
    }
}
