package org.linfgrad.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.linfgrad.tensor.Tensor;

/**
 * Reads images from CSV (optionally gzip-compressed): one sample per line, comma separated, the pixel values
 * first and the integer label last, no header. Pixel values are divided by {@code maxValue} to land in [0, 1].
 * Refused with a {@link DataException} naming the line: a wrong number of fields, a value that is not a number
 * or outside [0, maxValue], a label outside the classes; and, for gzip input, which is read to its end, data
 * whose CRC-32 or length does not check out.
 */
public final class CsvReader {
    private CsvReader() {}

    public static Dataset read(String name, InputStream raw, int height, int width, float maxValue, int classes)
            throws IOException {
        try {
            // all of it first, so that damaged gzip data is reported as such rather than as a bad line
            String text = new String(Compressed.open(raw).readAllBytes(), StandardCharsets.UTF_8);
            return parse(name, new BufferedReader(new StringReader(text)), height, width, maxValue, classes);
        } catch (ZipException e) {
            throw Compressed.damaged(name, e);
        } catch (EOFException e) {
            throw new DataException(name + " is truncated: its gzip data ends early; download it again");
        }
    }

    private static Dataset parse(String name, BufferedReader lines, int height, int width, float maxValue,
                                 int classes) throws IOException {
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
