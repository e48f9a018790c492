package org.linfgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The data sets linfgrad knows by name, and the held-out split. */
public final class DataSets {
    /** Where Debian's dataset-fashion-mnist package puts the IDX files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private DataSets() {}

    /** A training set and a held-out test set. */
    public record Split(Dataset train, Dataset test) {}

    /**
     * The embedded UCI digits (1797 8x8 images, values 0..16, CC BY 4.0), split with a fixed seed into 1437
     * training and 360 test images.
     */
    public static Split digits() {
        try (InputStream in = DataSets.class.getResourceAsStream("digits.csv.gz")) {
            if (in == null) {
                throw new DataException("the embedded digits data set is missing from the jar; rebuild it with mvn package");
            }
            return holdOut(CsvReader.read("digits", in, 8, 8, 16, 10), 360, 20261124L);
        } catch (IOException e) {
            throw new DataException("cannot read the embedded digits data set: " + e.getMessage());
        }
    }

    /** Fashion-MNIST's 60,000 training and 10,000 test images from the IDX files in {@code dir}. */
    public static Split fashionMnist(Path dir) {
        return new Split(
                IdxReader.read("fashion-mnist", find(dir, "train-images-idx3-ubyte"), find(dir, "train-labels-idx1-ubyte"), 10),
                IdxReader.read("fashion-mnist", find(dir, "t10k-images-idx3-ubyte"), find(dir, "t10k-labels-idx1-ubyte"), 10));
    }

    /**
     * The data set of a name: {@code digits}, or {@code fashion-mnist} (from {@code dir} when given). A dir given
     * with the digits, which are embedded and read from no directory, is refused rather than ignored.
     */
    public static Split byName(String name, Path dir) {
        if (name.equals("digits") && dir != null) {
            throw new IllegalArgumentException("--data " + dir + " is given, but the digits data set is embedded in "
                    + "linfgrad and read from no directory; drop --data (it is for fashion-mnist)");
        }
        return switch (name) {
            case "digits" -> digits();
            case "fashion-mnist" -> fashionMnist(dir != null ? dir : FASHION_MNIST_DIR);
            default -> throw new DataException("unknown data set '" + name + "': choose digits or fashion-mnist");
        };
    }

    /**
     * A seeded random split that keeps {@code testSize} samples apart; both parts must keep at least one sample
     * (a held-out fraction, {@code --val}, that rounds to none or to all of them is refused).
     */
    public static Split holdOut(Dataset all, int testSize, long seed) {
        if (testSize < 1 || testSize >= all.size()) {
            throw new IllegalArgumentException("holding out " + testSize + " of the " + all.size() + " training "
                    + "samples of " + all.name() + " leaves " + (testSize < 1 ? "none to evaluate on" : "none to train on")
                    + "; choose a --val fraction that keeps at least one sample on each side");
        }
        int[] order = Batches.permutation(all.size(), new Random(seed));
        int[] test = java.util.Arrays.copyOfRange(order, 0, testSize);
        int[] train = java.util.Arrays.copyOfRange(order, testSize, order.length);
        return new Split(all.subset(train), all.subset(test));
    }

    /** The file {@code base} or {@code base.gz} in dir, whichever exists (the reader says if it is no file). */
    private static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new DataException(dir.resolve(base) + "[.gz] does not exist; install Debian's dataset-fashion-mnist "
                + "package (apt-get install dataset-fashion-mnist) or pass --data DIR holding the IDX files");
    }
}
