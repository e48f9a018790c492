package org.linfgrad.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.linfgrad.tensor.Tensor;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed: a magic number (0x00000803 for
 * unsigned-byte images of rank 3, 0x00000801 for labels), the extents as big-endian ints, then the bytes.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** Reads an image file and its label file into a data set with pixel values scaled to [0, 1]. */
    public static Dataset read(String name, Path images, Path labels, int classes) {
        try (DataInputStream imageIn = open(images); DataInputStream labelIn = open(labels)) {
            expectMagic(imageIn, IMAGES_MAGIC, images);
            int count = imageIn.readInt();
            int height = imageIn.readInt();
            int width = imageIn.readInt();
            expectMagic(labelIn, LABELS_MAGIC, labels);
            int labelCount = labelIn.readInt();
            if (count != labelCount || count <= 0 || height <= 0 || width <= 0) {
                throw new DataException(images + " and " + labels + ": " + count + " images of " + height + "x"
                        + width + " but " + labelCount + " labels; are they a matching pair?");
            }
            byte[] pixels = new byte[count * height * width];
            imageIn.readFully(pixels);
            byte[] labelBytes = new byte[count];
            labelIn.readFully(labelBytes);
            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (pixels[i] & 0xff) / 255f;
            }
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = labelBytes[i] & 0xff;
            }
            return new Dataset(name, Tensor.of(x, count, height * width), y, height, width, classes);
        } catch (EOFException e) {
            throw new DataException(images + " or " + labels + " is truncated: the file ends before its header says "
                    + "it should; download it again");
        } catch (IOException e) {
            throw new DataException("cannot read " + images + " or " + labels + ": " + e.getMessage());
        }
    }

    private static DataInputStream open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new DataException(path + " does not exist; install Debian's dataset-fashion-mnist package or "
                    + "pass --data DIR with the IDX files");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(path));
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(in)) : in);
    }

    private static void expectMagic(DataInputStream in, int magic, Path path) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new DataException(path + " is not an IDX " + (magic == IMAGES_MAGIC ? "image" : "label")
                    + " file (magic number 0x" + Integer.toHexString(found) + ", expected 0x"
                    + Integer.toHexString(magic) + ")");
        }
    }
}
