package org.linfgrad.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Builds IDX image and label files, and gzip streams, byte by byte: valid ones, and ones broken in one named way
 * each (the cases of issue 16 among them) with the words the reader's error must contain.
 */
public final class CorruptDataFiles {
    private CorruptDataFiles() {}

    /** An image file, a label file, and the part of the message reading the pair must give. */
    record Case(String name, byte[] images, byte[] labels, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An IDX image file: magic 0x803, the three extents, then {@code pixels} bytes 0, 1, 2, ... */
    public static byte[] images(int count, int height, int width, int pixels) {
        return idx(0x803, new int[] {count, height, width}, pixels);
    }

    /** An IDX label file of {@code count} labels 0, 1, 0, 1, ... */
    public static byte[] labels(int count) {
        return idx(0x801, new int[] {count}, count);
    }

    private static byte[] idx(int magic, int[] extents, int dataBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int e : extents) {
                out.writeInt(e);
            }
            for (int i = 0; i < dataBytes; i++) {
                out.writeByte(magic == 0x801 ? i % 2 : i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code data} gzip-compressed with stored (uncompressed) deflate blocks, so that flipping bytes inside the
     * data leaves a stream that inflates cleanly and only the CRC-32 in the trailer tells the damage.
     */
    public static byte[] gzipStored(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A copy of {@code bytes} with {@code count} bytes inverted from {@code from} on. */
    public static byte[] flipped(byte[] bytes, int from, int count) {
        byte[] out = bytes.clone();
        for (int i = from; i < from + count; i++) {
            out[i] = (byte) ~out[i];
        }
        return out;
    }

    static List<Case> cases() {
        byte[] labels = labels(3);
        byte[] images = images(3, 28, 28, 3 * 28 * 28);
        byte[] gz = gzipStored(images);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a .gz with 60 flipped bytes in its data", flipped(gz, 200, 60), labels,
                "is damaged: its gzip data does not check out (Corrupt GZIP trailer)"));
        cases.add(new Case("a .gz with a wrong CRC-32", flipped(gz, gz.length - 8, 1), labels, "Corrupt GZIP trailer"));
        cases.add(new Case("a .gz with a wrong length", flipped(gz, gz.length - 4, 1), labels, "Corrupt GZIP trailer"));
        cases.add(new Case("a truncated .gz", Arrays.copyOf(gz, gz.length / 2), labels, "is truncated"));
        cases.add(new Case("count * height * width past 2^31", images(70_000, 28_000, 28_000, 16), labels,
                "its header declares more than 2147483639 bytes of data (extent 2 is 28000)"));
        cases.add(new Case("count * height * width past 2^32 (wraps to a small int)", images(65_536, 65_536, 1, 0),
                labels, "more than 2147483639 bytes"));
        cases.add(new Case("a zero extent", images(3, 0, 28, 0), labels, "extent 1 of its header is 0, not positive"));
        cases.add(new Case("a negative count", images(-3, 28, 28, 0), labels, "extent 0 of its header is -3"));
        cases.add(new Case("a truncated raw file", Arrays.copyOf(images, images.length - 5), labels, "is truncated"));
        cases.add(new Case("bytes after the data", Arrays.copyOf(images, images.length + 7), labels,
                "holds more bytes than its header declares (2352)"));
        cases.add(new Case("a label file for images", labels, labels, "is not an IDX image file (magic number 0x801"));
        cases.add(new Case("fewer labels than images", images, labels(2), "3 images of 28x28 but 2 labels"));
        cases.add(new Case("a header cut short", Arrays.copyOf(images, 10), labels, "is truncated"));
        return cases;
    }
}
