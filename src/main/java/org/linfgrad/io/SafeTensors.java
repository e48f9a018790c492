package org.linfgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.linfgrad.data.FileProblems;
import org.linfgrad.tensor.Tensor;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name to
 * {@code {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}} (plus string metadata under
 * {@code __metadata__}), padded with spaces to a multiple of 8 bytes as Python's writer pads it, then the raw
 * little-endian data. Python's {@code safetensors} and torch read these files; every {@link DType} is read back,
 * as float32.
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100_000_000L;
    /** Bytes read from the file at a time. */
    private static final int READ_CHUNK = 1 << 20;
    /** The header, and so the data after it, is padded to a multiple of this many bytes. */
    private static final int ALIGNMENT = 8;

    private SafeTensors() {}

    /** How the header describes one tensor: {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}. */
    private record HeaderEntry(String dtype, int[] shape, long[] dataOffsets) {}

    /** Tensors by name and string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Writes every tensor as F32 (see {@link #write(Path, Map, Map, Map)}). */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(path, tensors, Map.of(), metadata);
    }

    /**
     * Writes atomically ({@link AtomicFiles}), flushed to disk before the move, so a crash leaves either the
     * old file or the new one, never a truncated one. Each tensor is stored as F32 unless {@code dtypes} names
     * another type for it (U8: {@link DType#write}). The data holds the wider types first, as Python's writer
     * orders it, so that every tensor starts at a multiple of its element size (torch maps them in place).
     *
     * @throws IllegalArgumentException for a value its dtype cannot hold
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, DType> dtypes,
                             Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> ordered = new ArrayList<>(tensors.entrySet());
        ordered.sort(Comparator.comparingInt(t -> -dtypes.getOrDefault(t.getKey(), DType.F32).bytes()));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", metadata);
        long offset = 0;
        for (Map.Entry<String, Tensor> t : ordered) {
            DType dtype = dtypes.getOrDefault(t.getKey(), DType.F32);
            long bytes = (long) dtype.bytes() * t.getValue().size();
            header.put(t.getKey(), new HeaderEntry(dtype.toString(), t.getValue().shape(), new long[] {offset, offset + bytes}));
            offset += bytes;
        }
        String unpadded = Json.write(header);
        int unpaddedBytes = unpadded.getBytes(StandardCharsets.UTF_8).length;
        byte[] json = (unpadded + " ".repeat(Math.floorMod(-unpaddedBytes, ALIGNMENT))).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, temporary -> {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
                out.write(length.array());
                out.write(json);
                for (Map.Entry<String, Tensor> t : ordered) {
                    DType dtype = dtypes.getOrDefault(t.getKey(), DType.F32);
                    ByteBuffer data = ByteBuffer.allocate(dtype.bytes() * t.getValue().size())
                            .order(ByteOrder.LITTLE_ENDIAN);
                    for (float value : t.getValue().data()) {
                        dtype.write(data, value);
                    }
                    out.write(data.array());
                }
                out.flush();
                channel.force(true); // on disk before the move makes it visible
            }
        });
    }

    /**
     * Reads a file written by {@link #write} or by Python's safetensors, each tensor of any {@link DType}
     * converted to float32 as that class says (tensors come in header order). Before it reads any
     * tensor data it refuses, with an IOException naming the file and what is wrong:
     * <ul>
     *   <li>a path that is not a readable regular file ({@link FileProblems});</li>
     *   <li>a header length that is not positive, over {@value #MAX_HEADER} bytes or past the end of the file;</li>
     *   <li>a header that {@link SafeTensorsHeader} does not accept, which includes a file larger or smaller than
     *   its tensors;</li>
     *   <li>tensors larger in all than the JVM's heap may grow.</li>
     * </ul>
     */
    public static Contents read(Path path) throws IOException {
        Optional<String> problem = FileProblems.ofInput(path);
        if (problem.isPresent()) {
            throw new IOException(problem.get() + "; give a safetensors file such as runs/digits/checkpoint.safetensors");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new IOException(path + " is not a safetensors file: " + size + " bytes");
            }
            long headerLength = readFully(path, channel, 0, 8).getLong();
            if (headerLength <= 0 || headerLength > Math.min(MAX_HEADER, size - 8)) {
                throw new IOException(path + " is not a safetensors file or is truncated (header length "
                        + headerLength + ", file " + size + " bytes)");
            }
            long dataStart = 8 + headerLength;
            SafeTensorsHeader header = SafeTensorsHeader.parse(path,
                    utf8(path, readFully(path, channel, 8, (int) headerLength)), size - dataStart);
            long heap = Runtime.getRuntime().maxMemory();
            if (size - dataStart > heap) {
                throw new IOException(path + " holds " + (size - dataStart) / 1_000_000 + " MB of tensors, more than "
                        + "the " + heap / 1_000_000 + " MB this JVM may use; run java with a larger -Xmx");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : header.entries()) {
                tensors.put(e.name(), Tensor.of(readElements(path, channel, dataStart + e.begin(), e), e.shape()));
            }
            return new Contents(tensors, header.metadata());
        }
    }

    /** The elements of {@code entry}, from {@code position}, as floats, read a chunk of at most 1 MiB at a time. */
    private static float[] readElements(Path path, FileChannel channel, long position, SafeTensorsHeader.Entry entry)
            throws IOException {
        int count = entry.elements();
        int size = entry.dtype().bytes();
        float[] data = new float[count];
        for (int from = 0, n; from < count; from += n) { // from + n <= count: no overflow
            n = Math.min(READ_CHUNK / size, count - from);
            ByteBuffer chunk = readFully(path, channel, position + (long) size * from, size * n);
            if (entry.dtype() == DType.F32) {
                chunk.asFloatBuffer().get(data, from, n);
            } else {
                for (int i = from; i < from + n; i++) {
                    data[i] = entry.dtype().read(chunk);
                }
            }
        }
        return data;
    }

    /** {@code length} bytes from {@code position}, little-endian; a file that ends first is truncated. */
    private static ByteBuffer readFully(Path path, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(path + " is truncated: it ended while being read");
            }
        }
        return buffer.flip();
    }

    private static String utf8(Path path, ByteBuffer bytes) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(path + ": the header is not UTF-8 text; the file is corrupt");
        }
    }
}
