package org.linfgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linfgrad.tensor.Tensor;

/** Corrupt data files, a wrong --data, a --val that leaves nothing, and the crop decision (issue 16). */
class DataFaultsTest {
    @TempDir
    Path dir;

    static List<CorruptDataFiles.Case> cases() {
        return CorruptDataFiles.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCorruptIdxFileIsOneDataException(CorruptDataFiles.Case c) throws IOException {
        Path images = Files.write(dir.resolve("images"), c.images());
        Path labels = Files.write(dir.resolve("labels"), c.labels());
        assertThatThrownBy(() -> IdxReader.read("test", images, labels, 10)).isExactlyInstanceOf(DataException.class)
                .hasMessageContaining(images.toString()).hasMessageContaining(c.expected())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theGeneratorsIntactFilesRead() throws IOException {
        byte[] images = CorruptDataFiles.images(3, 28, 28, 3 * 28 * 28);
        for (byte[] form : List.of(images, CorruptDataFiles.gzipStored(images))) {
            Path x = Files.write(dir.resolve("images"), form);
            Path y = Files.write(dir.resolve("labels"), CorruptDataFiles.labels(3));
            Dataset d = IdxReader.read("test", x, y, 10);
            assertThat(d.size()).isEqualTo(3);
            assertThat(d.images().get(0, 5)).isEqualTo(5 / 255f);
            assertThat(d.labels()).containsExactly(0, 1, 0);
        }
    }

    @Test
    void aDamagedGzippedCsvIsOneDataException() {
        byte[] gz = CorruptDataFiles.gzipStored("0,8,16,4,1\n16,0,0,0,0\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CsvReader.read("tiny.csv.gz", new ByteArrayInputStream(CorruptDataFiles.flipped(gz,
                gz.length - 20, 3)), 2, 2, 16, 2)).isExactlyInstanceOf(DataException.class)
                .hasMessage("tiny.csv.gz is damaged: its gzip data does not check out (Corrupt GZIP trailer); "
                        + "download it again");
        assertThatThrownBy(() -> CsvReader.read("tiny.csv.gz", new ByteArrayInputStream(java.util.Arrays.copyOf(gz,
                gz.length - 9)), 2, 2, 16, 2)).hasMessageContaining("tiny.csv.gz is truncated");
    }

    @Test
    void aDirectoryOrFifoGivenAsAnIdxFileIsNamedAsSuch() throws Exception {
        Path labels = Files.write(dir.resolve("labels"), CorruptDataFiles.labels(3));
        Path sub = Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        Files.copy(labels, dir.resolve("train-labels-idx1-ubyte"));
        assertThatThrownBy(() -> IdxReader.read("test", sub, labels, 10))
                .hasMessageStartingWith(sub + " is a directory, not a file;");
        assertThatThrownBy(() -> DataSets.fashionMnist(dir)).hasMessageContaining(sub + " is a directory");
        Path fifo = dir.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThatThrownBy(() -> IdxReader.read("test", fifo, labels, 10))
                    .hasMessageStartingWith(fifo + " is not a regular file (a FIFO, socket or device)");
        }
    }

    @Test
    void theDigitsRefuseADataDirectory() {
        assertThatThrownBy(() -> DataSets.byName("digits", dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--data " + dir + " is given, but the digits data set is embedded in linfgrad and read "
                        + "from no directory; drop --data (it is for fashion-mnist)");
    }

    @Test
    void aHeldOutPartOfNoneOrAllIsRefused() {
        Dataset all = DataSets.digits().train();
        assertThatThrownBy(() -> DataSets.holdOut(all, all.size(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holding out 1437 of the 1437 training samples of digits leaves none to train on");
        assertThatThrownBy(() -> DataSets.holdOut(all, 0, 1)).hasMessageContaining("leaves none to evaluate on");
        assertThat(DataSets.holdOut(all, all.size() - 1, 1).train().size()).isEqualTo(1);
    }

    @Test
    void onlyImagesOf28By28AreRandomlyCropped() {
        assertThat(Augment.randomCrops(dataset(28, 28))).isTrue();
        assertThat(Augment.randomCrops(dataset(28, 10))).isFalse();
        assertThat(Augment.randomCrops(dataset(10, 28))).isFalse();
        assertThat(Augment.randomCrops(DataSets.digits().train())).isFalse();
        assertThatThrownBy(() -> Augment.randomCrop(Tensor.zeros(2, 280), 28, 28, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("random crop of 28x28 images given images of shape [2, 280]");
    }

    private static Dataset dataset(int height, int width) {
        return new Dataset("test", Tensor.zeros(1, height * width), new int[] {0}, height, width, 2);
    }
}
