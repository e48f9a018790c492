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
        assertThat(header).isEqualTo("{\"__metadata__\":{\"model\":\"dist:linf:2x3\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}}");
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
