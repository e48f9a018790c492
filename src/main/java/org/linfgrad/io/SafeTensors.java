package org.linfgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * The safetensors format, float32 only: an 8-byte little-endian header length, a JSON header mapping each
 * tensor name to {"dtype":"F32","shape":[...],"data_offsets":[begin,end]} (plus string metadata under
 * "__metadata__"), then the raw little-endian data. Python's {@code safetensors} reads these files.
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100_000_000L;

    private SafeTensors() {}

    /** Tensors by name and string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /**
     * Writes atomically ({@link AtomicFiles}), flushed to disk before the move, so a crash leaves either the
     * old file or the new one, never a truncated one.
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{");
        String separator = "";
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            header.append(separator).append(Json.quote(m.getKey())).append(':').append(Json.quote(m.getValue()));
            separator = ",";
        }
        header.append('}');
        long offset = 0;
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            long bytes = 4L * t.getValue().size();
            header.append(',').append(Json.quote(t.getKey())).append(":{\"dtype\":\"F32\",\"shape\":")
                    .append(Shape.format(t.getValue().shape()).replace(" ", "")).append(",\"data_offsets\":[")
                    .append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, temporary -> {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
                out.write(length.array());
                out.write(json);
                for (Tensor t : tensors.values()) {
                    ByteBuffer data = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
                    data.asFloatBuffer().put(t.data());
                    out.write(data.array());
                }
                out.flush();
                channel.force(true); // on disk before the move makes it visible
            }
        });
    }

    /** Reads a file written by {@link #write} or by Python's safetensors (F32 tensors only). */
    public static Contents read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " does not exist");
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 8) {
            throw new IOException(path + " is not a safetensors file: " + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength <= 0 || headerLength > Math.min(MAX_HEADER, bytes.length - 8)) {
            throw new IOException(path + " is not a safetensors file or is truncated (header length "
                    + headerLength + ", file " + bytes.length + " bytes)");
        }
        String json = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        Map<String, Object> header;
        try {
            header = Json.parseObject(json);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException(path + ": the header is not valid JSON (" + e.getMessage() + ")");
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Object> entry : header.entrySet()) {
                if (entry.getKey().equals("__metadata__")) {
                    ((Map<?, ?>) entry.getValue()).forEach((k, v) -> metadata.put((String) k, (String) v));
                    continue;
                }
                tensors.put(entry.getKey(), tensor(path, entry.getKey(), (Map<?, ?>) entry.getValue(), buffer, dataStart));
            }
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IOException(path + ": the header does not describe safetensors entries (" + e + ")");
        }
        return new Contents(tensors, metadata);
    }

    private static Tensor tensor(Path path, String name, Map<?, ?> info, ByteBuffer buffer, int dataStart)
            throws IOException {
        if (!"F32".equals(info.get("dtype"))) {
            throw new IOException(path + ": tensor '" + name + "' has dtype " + info.get("dtype") + "; only F32 is read");
        }
        List<?> dims = (List<?>) info.get("shape");
        List<?> offsets = (List<?>) info.get("data_offsets");
        int[] shape = dims.stream().mapToInt(d -> ((Number) d).intValue()).toArray();
        long begin = ((Number) offsets.get(0)).longValue();
        long end = ((Number) offsets.get(1)).longValue();
        if (end - begin != 4L * Shape.size(shape) || dataStart + end > buffer.capacity()) {
            throw new IOException(path + ": tensor '" + name + "' does not fit the file (truncated or corrupt)");
        }
        float[] data = new float[Shape.size(shape)];
        buffer.position(dataStart + (int) begin);
        buffer.asFloatBuffer().get(data);
        return Tensor.of(data, shape);
    }
}
