package org.linfgrad.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;
import org.linfgrad.tensor.Tensor;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed: a magic number (0x00000803 for
 * unsigned-byte images of rank 3, 0x00000801 for labels), the extents as big-endian ints, then the bytes.
 * Refused, each with one {@link DataException} naming the file: a path that is not a readable file, a wrong
 * magic number, an extent that is not positive, more bytes declared than one Java array holds (the product of
 * the extents is computed in long, so it cannot overflow), a file that ends early or holds bytes after its
 * data, gzip data whose CRC-32 or length does not check out (every file is read to its end for that), and an
 * image file and a label file of different counts.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    /** The most bytes read from one file: the longest Java array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private IdxReader() {}

    /** The extents of one IDX file and its data bytes. */
    private record Idx(int[] extents, byte[] bytes) {}

    /** Reads an image file and its label file into a data set with pixel values scaled to [0, 1]. */
    public static Dataset read(String name, Path images, Path labels, int classes) {
        Idx x = readFile(images, IMAGES_MAGIC, 3);
        Idx y = readFile(labels, LABELS_MAGIC, 1);
        int count = x.extents()[0];
        int height = x.extents()[1];
        int width = x.extents()[2];
        if (count != y.extents()[0]) {
            throw new DataException(images + " and " + labels + ": " + count + " images of " + height + "x" + width
                    + " but " + y.extents()[0] + " labels; are they a matching pair?");
        }
        float[] pixels = new float[x.bytes().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (x.bytes()[i] & 0xff) / 255f;
        }
        int[] classOf = new int[count];
        for (int i = 0; i < count; i++) {
            classOf[i] = y.bytes()[i] & 0xff;
        }
        return new Dataset(name, Tensor.of(pixels, count, height * width), classOf, height, width, classes);
    }

    private static Idx readFile(Path path, int magic, int rank) {
        Optional<String> problem = FileProblems.ofInput(path);
        if (problem.isPresent()) {
            throw new DataException(problem.get() + "; install Debian's dataset-fashion-mnist package or pass "
                    + "--data DIR with the IDX files");
        }
        try (DataInputStream in = new DataInputStream(Compressed.open(Files.newInputStream(path)))) {
            expectMagic(in, magic, path);
            int[] extents = new int[rank];
            long size = 1;
            for (int k = 0; k < rank; k++) {
                extents[k] = in.readInt();
                if (extents[k] <= 0) {
                    throw new DataException(path + ": extent " + k + " of its header is " + extents[k]
                            + ", not positive; the file is corrupt");
                }
                size *= extents[k]; // at most MAX_BYTES times an int: no overflow
                if (size > MAX_BYTES) {
                    throw new DataException(path + ": its header declares more than " + MAX_BYTES + " bytes of data "
                            + "(extent " + k + " is " + extents[k] + "), more than one Java array holds; the file "
                            + "is corrupt");
                }
            }
            byte[] bytes = in.readNBytes((int) size);
            if (bytes.length < size) {
                throw new EOFException();
            }
            if (in.read() != -1) {
                throw new DataException(path + " holds more bytes than its header declares (" + size + "); the file "
                        + "is corrupt");
            }
            return new Idx(extents, bytes);
        } catch (ZipException e) {
            throw Compressed.damaged(path.toString(), e);
        } catch (EOFException e) {
            throw new DataException(path + " is truncated: the file ends before its header says it should; "
                    + "download it again");
        } catch (IOException e) {
            throw new DataException("cannot read " + FileProblems.describe(e));
        }
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
