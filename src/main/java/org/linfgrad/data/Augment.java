package org.linfgrad.data;

import java.util.Random;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** Data augmentation. */
public final class Augment {
    private Augment() {}

    /**
     * Whether training on {@code train} uses {@link #randomCrop}: for 28x28 images (MNIST, Fashion-MNIST) only,
     * decided by the height and the width, not by one of them.
     */
    public static boolean randomCrops(Dataset train) {
        return train.height() == 28 && train.width() == 28;
    }

    /**
     * Random crop with padding 1: each image is shifted by a random (dy, dx) in {-1, 0, 1}^2, the pixels
     * shifted in being 0 (black), as a crop of the image padded by one pixel. Images [n, height * width] only.
     */
    public static Tensor randomCrop(Tensor images, int height, int width, Random rng) {
        if (images.rank() != 2 || images.dim(1) != height * width) {
            throw new IllegalArgumentException("random crop of " + height + "x" + width + " images given images of "
                    + "shape " + Shape.format(images.shape()));
        }
        float[] in = images.data();
        float[] out = new float[in.length];
        int d = height * width;
        for (int n = 0; n < images.dim(0); n++) {
            int dy = rng.nextInt(3) - 1;
            int dx = rng.nextInt(3) - 1;
            for (int r = 0; r < height; r++) {
                int source = r + dy;
                if (source < 0 || source >= height) {
                    continue;
                }
                for (int c = 0; c < width; c++) {
                    int sc = c + dx;
                    if (sc >= 0 && sc < width) {
                        out[n * d + r * width + c] = in[n * d + source * width + sc];
                    }
                }
            }
        }
        return Tensor.of(out, images.shape());
    }
}
