package org.linfgrad.backend.simd;

/**
 * The two row shapes of a training step's broadcasting, in row order: the column sums of a [rows, cols] array
 * (a batch mean, a bias gradient) and a row repeated down one. A column's sum runs in double over rows
 * ascending, the reference's order, so the results are identical to it; columns are split across threads.
 */
final class Rows {
    /** Below this many elements one thread does the work. */
    private static final int PARALLEL_SIZE = 1 << 16;

    private Rows() {}

    /** s_k = sum over r of a[r cols + k], accumulated in double. */
    static float[] columnSums(float[] a, int rows, int cols) {
        float[] sums = new float[cols];
        Parallel.forRange(cols, a.length < PARALLEL_SIZE ? 1 : 4 * Parallel.THREADS, (from, to) -> {
            double[] acc = new double[to - from];
            for (int r = 0; r < rows; r++) {
                for (int k = from; k < to; k++) {
                    acc[k - from] += a[r * cols + k];
                }
            }
            for (int k = from; k < to; k++) {
                sums[k] = (float) acc[k - from];
            }
        });
        return sums;
    }

    /** {@code row} repeated {@code rows} times, one after another. */
    static float[] repeat(float[] row, int rows) {
        float[] out = new float[rows * row.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, out, r * row.length, row.length);
        }
        return out;
    }
}
