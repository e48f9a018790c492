package org.linfgrad.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.linfgrad.tensor.Tensor;

/**
 * Reads images from CSV (optionally gzip-compressed): one sample per line, comma separated, the pixel values
 * first and the integer label last, no header. Pixel values are divided by {@code maxValue} to land in [0, 1].
 */
public final class CsvReader {
    private CsvReader() {}

    public static Dataset read(String name, InputStream raw, int height, int width, float maxValue, int classes)
            throws IOException {
        InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        BufferedReader lines = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(in) : in,
                StandardCharsets.UTF_8));
        int d = height * width;
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length != d + 1) {
                throw new DataException(name + " line " + number + ": " + fields.length + " fields, expected "
                        + (d + 1) + " (" + d + " pixels, then the label)");
            }
            float[] row = new float[d];
            try {
                for (int i = 0; i < d; i++) {
                    float v = Float.parseFloat(fields[i].trim());
                    if (!(v >= 0 && v <= maxValue)) {
                        throw new DataException(name + " line " + number + ": pixel " + i + " = " + v
                                + " is outside [0, " + maxValue + "]");
                    }
                    row[i] = v / maxValue;
                }
                labels.add(Integer.parseInt(fields[d].trim()));
            } catch (NumberFormatException e) {
                throw new DataException(name + " line " + number + ": not a number (" + e.getMessage() + ")");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DataException(name + ": no samples in the file");
        }
        float[] x = new float[rows.size() * d];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, x, r * d, d);
        }
        return new Dataset(name, Tensor.of(x, rows.size(), d), labels.stream().mapToInt(Integer::intValue).toArray(),
                height, width, classes);
    }
}
