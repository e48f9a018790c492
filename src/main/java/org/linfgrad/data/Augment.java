package org.linfgrad.data;

import java.util.Random;
import org.linfgrad.tensor.Tensor;

/** Data augmentation. */
public final class Augment {
    private Augment() {}

    /**
     * Random crop with padding 1: each image is shifted by a random (dy, dx) in {-1, 0, 1}^2, the pixels
     * shifted in being 0 (black), as a crop of the image padded by one pixel.
     */
    public static Tensor randomCrop(Tensor images, int height, int width, Random rng) {
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
