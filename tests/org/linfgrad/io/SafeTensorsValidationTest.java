package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corrupt file of {@link CorruptSafeTensors} is one IOException naming the file and what is wrong. */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;

    static List<CorruptSafeTensors.Case> cases() {
        return CorruptSafeTensors.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCorruptFileIsRefusedWithOneLine(CorruptSafeTensors.Case c) throws IOException {
        Path file = dir.resolve("corrupt.safetensors");
        Files.write(file, c.bytes());
        assertThatThrownBy(() -> SafeTensors.read(file)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(c.expected())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theGeneratorsControlFileReadsBack() throws IOException {
        Path file = dir.resolve("valid.safetensors");
        Files.write(file, CorruptSafeTensors.valid());
        SafeTensors.Contents contents = SafeTensors.read(file);
        assertThat(contents.tensors().get("a").data()).containsExactly(1, 2, 3, 4);
        assertThat(contents.tensors().get("b").shape()).containsExactly(2, 2);
        assertThat(contents.tensors().get("b").data()).containsExactly(5, 6, 7, 8);
        assertThat(contents.metadata()).containsExactly(java.util.Map.entry("format", "x"));
    }

    @Test
    void tensorsOutOfOrderInTheHeaderAreReadFromTheirOwnOffsets() throws IOException {
        Path file = dir.resolve("swapped.safetensors");
        Files.write(file, CorruptSafeTensors.file("{" + CorruptSafeTensors.entry("b", "[4]", 16, 32) + ","
                + CorruptSafeTensors.entry("a", "[4]", 0, 16) + "}", 32));
        SafeTensors.Contents contents = SafeTensors.read(file);
        assertThat(contents.tensors().get("a").data()).containsExactly(1, 2, 3, 4);
        assertThat(contents.tensors().get("b").data()).containsExactly(5, 6, 7, 8);
    }

    @Test
    void aFileFarLargerThanItsHeaderSaysIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        byte[] head = CorruptSafeTensors.file("{" + CorruptSafeTensors.entry("a", "[4]", 0, 16) + "}", 16);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(head);
            f.setLength(3_000_000_000L); // sparse: no disk is used
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("(extra bytes)");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    }

    @Test
    void tensorsLargerThanTheHeapAreRefusedBeforeAllocating() throws IOException {
        long perTensor = 1L << 28; // floats: 1 GiB each
        int count = (int) (Runtime.getRuntime().maxMemory() / (4 * perTensor)) + 1;
        String header = IntStream.range(0, count).mapToObj(k -> CorruptSafeTensors.entry("t" + k, "[" + perTensor + "]",
                k * 4 * perTensor, (k + 1) * 4 * perTensor)).collect(Collectors.joining(",", "{", "}"));
        Path file = dir.resolve("heap.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(CorruptSafeTensors.file(header, 0));
            f.setLength(f.length() + count * 4 * perTensor);
        }
        assertThatThrownBy(() -> SafeTensors.read(file)).hasMessageContaining("MB this JVM may use")
                .hasMessageContaining("-Xmx");
    }

    @Test
    void aDirectoryOrAFifoIsNamedAsSuch() throws Exception {
        assertThatThrownBy(() -> SafeTensors.read(dir)).hasMessageStartingWith(dir + " is a directory, not a file; give");
        assertThatThrownBy(() -> SafeTensors.read(dir.resolve("none"))).hasMessageStartingWith(dir.resolve("none") + " does not exist;");
        Path fifo = dir.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThatThrownBy(() -> SafeTensors.read(fifo)).hasMessageContaining("is not a regular file (a FIFO");
        }
    }
}
