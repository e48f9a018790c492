package org.linfgrad.backend.simd;

import static org.linfgrad.backend.simd.DistanceForward.LANES;
import static org.linfgrad.backend.simd.DistanceForward.SPECIES;

import jdk.incubator.vector.FloatVector;
import org.linfgrad.tensor.Tensor;

/**
 * C = op(A) op(B), register-tiled: a tile of {@value #ROWS} rows by four vectors of columns (24 vectors of
 * sums, more than the FMA latency on both ports needs) is accumulated with fused multiply-adds, one broadcast
 * of A per row and four loads of B per step of the inner dimension, so that loads are 10 of every 34 vector
 * operations. B is first packed, on all threads, in panels of {@value #COLUMNS} columns (padded with zeros),
 * each panel's rows one after another, so a tile reads its panel of B in order (rows of B a whole row apart
 * would all map to one set of the L1 cache) and the panel stays in cache for every tile of rows that uses it.
 * A is read as it is when row-major and packed row-major when transposed; its rows need no padding, since the
 * last tile repeats the last row. C has B's padded columns: when there are none it is the output, else it is
 * copied out.
 */
final class MatMul {
    static final int ROWS = 6;
    static final int COLUMNS = 4 * LANES;

    /**
     * Each thread's packed copies of A and B, kept from call to call (the largest the thread has multiplied): a
     * fresh array per call costs its zeroing, a pass over memory (4 MB for a 1024 x 1024 operand).
     */
    private static final ThreadLocal<float[][]> PACKED = ThreadLocal.withInitial(() -> new float[2][]);

    private MatMul() {}

    static Tensor run(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        int n = transposeA ? a.dim(1) : a.dim(0);
        int k = transposeA ? a.dim(0) : a.dim(1);
        int m = transposeB ? b.dim(0) : b.dim(1);
        int paddedM = (m + COLUMNS - 1) / COLUMNS * COLUMNS;
        float[][] kept = PACKED.get();
        if (transposeA) {
            kept[0] = pack(a.data(), true, n, k, n, k, k, kept[0]);
        }
        float[] left = transposeA ? kept[0] : a.data();
        float[] right = kept[1] = pack(b.data(), transposeB, k, m, k, paddedM, COLUMNS, kept[1]);
        float[] c = new float[n * paddedM];
        Parallel.forRange((n + ROWS - 1) / ROWS, (from, to) -> {
            for (int j0 = 0; j0 < paddedM; j0 += COLUMNS) {
                for (int tile = from; tile < to; tile++) {
                    multiplyTile(left, right, c, tile * ROWS, n, j0, k, paddedM);
                }
            }
        });
        if (paddedM == m) {
            return Tensor.of(c, n, m);
        }
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(c, i * paddedM, out, i * m, m);
        }
        return Tensor.of(out, n, m);
    }

    /**
     * The tile of C at rows i0.. and columns j0.., from A's rows and B's panel at j0; ldc is C's row length. Rows
     * past the last, n - 1, are that row again (read and stored twice, with the same values), so the last tile
     * needs no padded copy of A or C.
     */
    private static void multiplyTile(float[] a, float[] b, float[] c, int i0, int n, int j0, int k, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        FloatVector c40 = c00, c41 = c00, c42 = c00, c43 = c00;
        FloatVector c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int last = n - 1;
        int r0 = i0, r1 = Math.min(i0 + 1, last), r2 = Math.min(i0 + 2, last);
        int r3 = Math.min(i0 + 3, last), r4 = Math.min(i0 + 4, last), r5 = Math.min(i0 + 5, last);
        int a0 = r0 * k, a1 = r1 * k, a2 = r2 * k, a3 = r3 * k, a4 = r4 * k, a5 = r5 * k;
        int panel = j0 * k;
        for (int p = 0; p < k; p++) {
            int at = panel + p * COLUMNS;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, at);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, at + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, at + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, at + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(SPECIES, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(SPECIES, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            c53 = x.fma(b3, c53);
        }
        // stored here, not through a helper: vectors passed to a call that is not inlined are boxed
        int row = r0 * ldc + j0;
        c00.intoArray(c, row);
        c01.intoArray(c, row + LANES);
        c02.intoArray(c, row + 2 * LANES);
        c03.intoArray(c, row + 3 * LANES);
        row = r1 * ldc + j0;
        c10.intoArray(c, row);
        c11.intoArray(c, row + LANES);
        c12.intoArray(c, row + 2 * LANES);
        c13.intoArray(c, row + 3 * LANES);
        row = r2 * ldc + j0;
        c20.intoArray(c, row);
        c21.intoArray(c, row + LANES);
        c22.intoArray(c, row + 2 * LANES);
        c23.intoArray(c, row + 3 * LANES);
        row = r3 * ldc + j0;
        c30.intoArray(c, row);
        c31.intoArray(c, row + LANES);
        c32.intoArray(c, row + 2 * LANES);
        c33.intoArray(c, row + 3 * LANES);
        row = r4 * ldc + j0;
        c40.intoArray(c, row);
        c41.intoArray(c, row + LANES);
        c42.intoArray(c, row + 2 * LANES);
        c43.intoArray(c, row + 3 * LANES);
        row = r5 * ldc + j0;
        c50.intoArray(c, row);
        c51.intoArray(c, row + LANES);
        c52.intoArray(c, row + 2 * LANES);
        c53.intoArray(c, row + 3 * LANES);
    }

    /**
     * The logical [rows, cols] matrix, stored row-major in {@code src} or, when {@code transposed}, as its
     * transpose, copied into [paddedRows, paddedCols] (a new array's padding is zeros), in panels of {@code width}
     * columns: element (r, c) at {@code (c / width) paddedRows width + r width + c % width} (one panel, row-major,
     * when the width is {@code paddedCols}). Split across threads by the rows of {@code src}. A row-major source
     * goes a panel's width of a row at a time by array copies; a transposed one a vector of columns at a time,
     * each row of it gathered from as many rows of {@code src} and stored whole (the width is a whole number of
     * vectors, or the whole matrix, so a vector of columns never straddles two panels), the columns past the
     * last whole vector one by one. {@code reuse}, when long enough, is written into instead of a new array;
     * its padding then keeps what an earlier call left there, which reaches only the padded rows and columns of
     * C, and those are dropped.
     */
    private static float[] pack(float[] src, boolean transposed, int rows, int cols, int paddedRows, int paddedCols,
                                int width, float[] reuse) {
        float[] out = reuse != null && reuse.length >= paddedRows * paddedCols ? reuse
                : new float[paddedRows * paddedCols];
        if (transposed) { // src is [cols, rows]: its row c is column c of the logical matrix
            int[] rowsApart = new int[LANES];
            for (int l = 0; l < LANES; l++) {
                rowsApart[l] = l * rows;
            }
            int groups = cols / LANES;
            Parallel.forRange(groups, (from, to) -> {
                for (int c0 = from * LANES; c0 < to * LANES; c0 += LANES) {
                    int at = c0 / width * paddedRows * width + c0 % width;
                    for (int r = 0; r < rows; r++) {
                        FloatVector.fromArray(SPECIES, src, c0 * rows + r, rowsApart, 0).intoArray(out, at + r * width);
                    }
                }
            });
            for (int c = groups * LANES; c < cols; c++) {
                int at = c / width * paddedRows * width + c % width;
                for (int r = 0; r < rows; r++) {
                    out[at + r * width] = src[c * rows + r];
                }
            }
        } else {
            Parallel.forRange(rows, (from, to) -> {
                for (int r = from; r < to; r++) {
                    for (int c0 = 0; c0 < cols; c0 += width) {
                        System.arraycopy(src, r * cols + c0, out, c0 * paddedRows + r * width,
                                Math.min(width, cols - c0));
                    }
                }
            });
        }
        return out;
    }
}
