package org.linfgrad.data;

import java.util.Arrays;
import org.linfgrad.tensor.Tensor;

/**
 * Images with labels: {@code images} is [n, height * width], values scaled to [0, 1]; labels in [0, classes).
 *
 * @param name    for messages and checkpoints
 * @param images  [n, height * width] in [0, 1]
 * @param labels  n labels
 * @param height  image height
 * @param width   image width
 * @param classes the number of classes
 */
public record Dataset(String name, Tensor images, int[] labels, int height, int width, int classes) {

    public Dataset {
        if (images.rank() != 2 || images.dim(0) != labels.length || images.dim(1) != height * width) {
            throw new DataException(name + ": " + labels.length + " labels and images of shape "
                    + Arrays.toString(images.shape()) + " do not describe " + height + "x" + width + " images");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new DataException(name + ": label " + label + " is outside [0, " + classes + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int features() {
        return height * width;
    }

    /** The samples at the given positions, in that order. */
    public Dataset subset(int[] positions) {
        int d = features();
        float[] x = new float[positions.length * d];
        int[] y = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            System.arraycopy(images.data(), positions[k] * d, x, k * d, d);
            y[k] = labels[positions[k]];
        }
        return new Dataset(name, Tensor.of(x, positions.length, d), y, height, width, classes);
    }

    /** The mean of every pixel value. */
    public double pixelMean() {
        double sum = 0;
        for (float v : images.data()) {
            sum += v;
        }
        return sum / images.size();
    }

    /** The standard deviation of every pixel value. */
    public double pixelStd() {
        double mean = pixelMean();
        double sum = 0;
        for (float v : images.data()) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / images.size());
    }
}
