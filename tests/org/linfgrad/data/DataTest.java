package org.linfgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.tensor.Tensor;

class DataTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDigitsLoadAndSplit() {
        DataSets.Split digits = DataSets.digits();
        assertThat(digits.train().size()).isEqualTo(1437);
        assertThat(digits.test().size()).isEqualTo(360);
        assertThat(digits.train().features()).isEqualTo(64);
        float max = 0;
        for (float v : digits.train().images().data()) {
            assertThat(v).isBetween(0f, 1f);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertThat(Arrays.stream(digits.test().labels()).distinct().count()).isEqualTo(10);
        assertThat(DataSets.digits().train().images()).isEqualTo(digits.train().images()); // the split is fixed
    }

    private static ByteArrayInputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void csvReaderScalesValuesAndNamesBadLines() throws IOException {
        Dataset d = CsvReader.read("tiny", csv("0,8,16,4,1\n16,0,0,0,0\n"), 2, 2, 16, 2);
        assertThat(d.images().data()).containsExactly(0, 0.5f, 1, 0.25f, 1, 0, 0, 0);
        assertThat(d.labels()).containsExactly(1, 0);
        assertThatThrownBy(() -> CsvReader.read("tiny", csv("0,8,16,1\n"), 2, 2, 16, 2))
                .isInstanceOf(DataException.class).hasMessage("tiny line 1: 4 fields, expected 5 (4 pixels, then the label)");
        assertThatThrownBy(() -> CsvReader.read("tiny", csv("0,8,x,4,1\n"), 2, 2, 16, 2))
                .isInstanceOf(DataException.class).hasMessageContaining("line 1: not a number");
        assertThatThrownBy(() -> CsvReader.read("tiny", csv("0,8,17,4,1\n"), 2, 2, 16, 2))
                .hasMessageContaining("outside [0, 16.0]");
        assertThatThrownBy(() -> CsvReader.read("tiny", csv("0,8,1,4,7\n"), 2, 2, 16, 2))
                .hasMessageContaining("label 7");
        assertThatThrownBy(() -> CsvReader.read("tiny", csv(""), 2, 2, 16, 2)).hasMessageContaining("no samples");
    }

    /** Writes an IDX image file and label file of 3 images of 2x3, gzip-compressed or raw. */
    private void writeIdx(Path images, Path labels, boolean gzip, int truncateBy) throws IOException {
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(img);
        out.writeInt(0x803);
        out.writeInt(3);
        out.writeInt(2);
        out.writeInt(3);
        for (int i = 0; i < 18; i++) {
            out.writeByte(i * 15);
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        DataOutputStream labelOut = new DataOutputStream(lab);
        labelOut.writeInt(0x801);
        labelOut.writeInt(3);
        labelOut.write(new byte[] {2, 0, 1});
        byte[] imageBytes = Arrays.copyOf(img.toByteArray(), img.size() - truncateBy);
        for (Object[] file : List.of(new Object[] {images, imageBytes}, new Object[] {labels, lab.toByteArray()})) {
            try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream((Path) file[0]))
                    : Files.newOutputStream((Path) file[0])) {
                o.write((byte[]) file[1]);
            }
        }
    }

    @Test
    void idxReaderReadsRawAndGzippedFiles() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path images = dir.resolve("images" + gzip);
            Path labels = dir.resolve("labels" + gzip);
            writeIdx(images, labels, gzip, 0);
            Dataset d = IdxReader.read("test", images, labels, 3);
            assertThat(d.size()).isEqualTo(3);
            assertThat(d.height()).isEqualTo(2);
            assertThat(d.width()).isEqualTo(3);
            assertThat(d.images().get(1, 0)).isEqualTo(90 / 255f);
            assertThat(d.labels()).containsExactly(2, 0, 1);
        }
    }

    @Test
    void corruptIdxFilesGiveOneClearLine() throws IOException {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        writeIdx(images, labels, true, 5);
        assertThatThrownBy(() -> IdxReader.read("test", images, labels, 3))
                .isInstanceOf(DataException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> IdxReader.read("test", labels, images, 3))
                .isInstanceOf(DataException.class).hasMessageContaining("is not an IDX image file");
        assertThatThrownBy(() -> IdxReader.read("test", dir.resolve("missing"), labels, 3))
                .isInstanceOf(DataException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> DataSets.fashionMnist(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining("--data DIR");
    }

    @Test
    void batchesCoverEverySampleOnceAndRepeatWithTheSeed() {
        List<int[]> batches = Batches.of(10, 4, new Random(3));
        assertThat(batches).hasSize(3);
        assertThat(batches.stream().flatMapToInt(Arrays::stream).sorted().toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Batches.of(10, 4, new Random(3)).get(0)).containsExactly(batches.get(0));
    }

    @Test
    void randomCropShiftsByAtMostOnePixelWithZerosShiftedIn() {
        float[] pixels = new float[9];
        for (int i = 0; i < 9; i++) {
            pixels[i] = i + 1; // no zero pixel, so the zeros shifted in are visible
        }
        Tensor image = Tensor.of(pixels, 1, 9);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int seed = 0; seed < 60; seed++) {
            float[] cropped = Augment.randomCrop(image, 3, 3, new Random(seed)).data();
            String shift = null;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (java.util.Arrays.equals(cropped, shifted(pixels, dy, dx))) {
                        shift = dy + "," + dx;
                    }
                }
            }
            assertThat(shift).as("seed %d gives a one-pixel shift with zeros shifted in", seed).isNotNull();
            seen.add(shift);
        }
        assertThat(seen).as("all nine shifts occur").hasSize(9);
        Tensor shifted = Augment.randomCrop(Tensor.ones(1, 9), 3, 3, new Random(1));
        float sum = 0;
        for (float v : shifted.data()) {
            sum += v;
        }
        assertThat(sum).isIn(4f, 6f, 9f); // a diagonal shift drops 5 pixels, a straight one 3, none 0
    }

    /** The 3x3 image read at (r + dy, c + dx), 0 outside. */
    private static float[] shifted(float[] image, int dy, int dx) {
        float[] out = new float[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int sr = r + dy;
                int sc = c + dx;
                out[r * 3 + c] = sr >= 0 && sr < 3 && sc >= 0 && sc < 3 ? image[sr * 3 + sc] : 0;
            }
        }
        return out;
    }

    @Test
    void normalisationConvertsRadii() {
        Normalization n = new Normalization(0.25f, 0.5f);
        assertThat(n.apply(Tensor.vector(0.25f, 0.75f)).data()).containsExactly(0, 1);
        assertThat(n.radius(0.1)).isEqualTo(0.2f);
    }
}
