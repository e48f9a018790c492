package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.tensor.Tensor;

/** The byte layout other readers rely on, checked byte by byte rather than through our own reader. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void layoutIsAHeaderLengthAJsonHeaderAndLittleEndianFloats() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
        tensors.put("b", Tensor.vector(-0.5f));
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, tensors, Map.of("model", "dist:linf:2x3"));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) bytes.getLong();
        String header = new String(bytes.array(), 8, headerLength, StandardCharsets.UTF_8);
        String json = "{\"__metadata__\":{\"model\":\"dist:linf:2x3\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}}";
        // padded with spaces to a multiple of 8 bytes, as Python's writer pads it (153 bytes of JSON here)
        assertThat(json).hasSize(153);
        assertThat(header).isEqualTo(json + " ".repeat(7));
        bytes.position(8 + headerLength);
        float[] data = new float[7];
        bytes.asFloatBuffer().get(data);
        assertThat(data).containsExactly(1, 2, 3, 4, 5, 6, -0.5f);
        assertThat(bytes.capacity()).isEqualTo(8 + headerLength + 28);
        SafeTensors.Contents back = SafeTensors.read(file);
        assertThat(back.tensors()).isEqualTo(tensors);
        assertThat(back.metadata()).containsEntry("model", "dist:linf:2x3");
    }

    @Test
    void masksAreU8AfterTheFloatsSoThatEveryTensorIsAligned() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6}));
        tensors.put("0.mask", Tensor.matrix(new float[] {1, 0, 1}, new float[] {0, 0, 1}));
        tensors.put("1.running_mean", Tensor.vector(7, 8));
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, tensors, Map.of("0.mask", DType.U8), Map.of());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) bytes.getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(new String(bytes.array(), 8, headerLength, StandardCharsets.UTF_8)).contains(
                "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}",
                "\"1.running_mean\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}",
                "\"0.mask\":{\"dtype\":\"U8\",\"shape\":[2,3],\"data_offsets\":[32,38]}");
        byte[] mask = new byte[6];
        bytes.position(8 + headerLength + 32).get(mask);
        assertThat(mask).containsExactly(1, 0, 1, 0, 0, 1);
        assertThat(SafeTensors.read(file).tensors()).isEqualTo(tensors);
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of("m", Tensor.vector(0.5f)), Map.of("m", DType.U8),
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("U8 holds whole numbers in [0, 255], not 0.5");
    }

    /** One tensor of each dtype, written byte by byte as numpy writes them, and the floats each must read as. */
    @Test
    void everyDtypeIsReadAsFloats() throws IOException {
        record Typed(String dtype, byte[] bytes, float[] expected) {}
        List<Typed> typed = List.of(
                new Typed("F64", le(8, b -> b.putDouble(0.1).putDouble(-1e300)), new float[] {0.1f, Float.NEGATIVE_INFINITY}),
                new Typed("F16", le(2, b -> b.putShort(Float.floatToFloat16(1.5f)).putShort((short) 0xfbff)),
                        new float[] {1.5f, -65504f}),
                new Typed("BF16", le(2, b -> b.putShort((short) 0x3fc0).putShort((short) 0xc2f7)), new float[] {1.5f, -123.5f}),
                new Typed("I64", le(8, b -> b.putLong(3).putLong((1L << 40) + 1)), new float[] {3, 1L << 40}),
                new Typed("I32", le(4, b -> b.putInt(-7).putInt(1 << 20)), new float[] {-7, 1 << 20}),
                new Typed("I16", le(2, b -> b.putShort((short) -300).putShort((short) 300)), new float[] {-300, 300}),
                new Typed("I8", le(1, b -> b.put((byte) -128).put((byte) 127)), new float[] {-128, 127}),
                new Typed("U8", le(1, b -> b.put((byte) 255).put((byte) 0)), new float[] {255, 0}),
                new Typed("BOOL", le(1, b -> b.put((byte) 1).put((byte) 0)), new float[] {1, 0}));
        StringBuilder header = new StringBuilder("{");
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (Typed t : typed) {
            header.append(header.length() > 1 ? "," : "").append(String.format("\"%s\":{\"dtype\":\"%s\",\"shape\":[2],"
                    + "\"data_offsets\":[%d,%d]}", t.dtype(), t.dtype(), data.size(), data.size() + t.bytes().length));
            data.writeBytes(t.bytes());
        }
        byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("typed.safetensors");
        Files.write(file, ByteBuffer.allocate(8 + json.length + data.size()).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data.toByteArray()).array());
        Map<String, Tensor> read = SafeTensors.read(file).tensors();
        for (Typed t : typed) {
            assertThat(read.get(t.dtype()).data()).as(t.dtype()).containsExactly(t.expected());
        }
    }

    /** Two elements of {@code size} bytes each, put little-endian by {@code put}. */
    private static byte[] le(int size, java.util.function.Consumer<ByteBuffer> put) {
        ByteBuffer b = ByteBuffer.allocate(2 * size).order(ByteOrder.LITTLE_ENDIAN);
        put.accept(b);
        return b.array();
    }

    @Test
    void aTruncatedOrForeignFileIsOneClearError() throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, Map.of("a", Tensor.ones(100)), Map.of());
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 10));
        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("cover 400 bytes of data but the file holds 390 after its header (truncated)");
        Files.writeString(file, "hello, this is not a tensor file");
        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a safetensors file");
    }
}
