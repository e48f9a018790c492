package org.linfgrad.backend.opencl;

import com.aparapi.Kernel;
import org.linfgrad.tensor.Tensor;

/**
 * C = op(A) op(B) tiled through local memory: each work group computes a TILE x TILE block of C, loading
 * TILE x TILE blocks of op(A) and op(B) into local memory in turn. Transposes are strides: op(A)_rk is
 * a[r * aRowStride + k * aColStride], so one kernel serves the forward and both backward products.
 */
final class MatMulKernel extends Kernel {
    static final int TILE = 16;

    private float[] a = {};
    private float[] b = {};
    private float[] c = {};
    @Local private final float[] tileA = new float[TILE * TILE];
    @Local private final float[] tileB = new float[TILE * TILE];
    private int rows;
    private int inner;
    private int cols;
    private int aRowStride;
    private int aColStride;
    private int bRowStride;
    private int bColStride;

    @Override
    public void run() {
        int col = getGlobalId(0);
        int row = getGlobalId(1);
        int localCol = getLocalId(0);
        int localRow = getLocalId(1);
        float sum = 0;
        for (int k0 = 0; k0 < inner; k0 += TILE) {
            int ka = k0 + localCol;
            int kb = k0 + localRow;
            tileA[localRow * TILE + localCol] = row < rows && ka < inner ? a[row * aRowStride + ka * aColStride] : 0;
            tileB[localRow * TILE + localCol] = kb < inner && col < cols ? b[kb * bRowStride + col * bColStride] : 0;
            localBarrier();
            for (int k = 0; k < TILE; k++) {
                sum += tileA[localRow * TILE + k] * tileB[k * TILE + localCol];
            }
            localBarrier();
        }
        if (row < rows && col < cols) {
            c[row * cols + col] = sum;
        }
    }

    Tensor compute(Launcher launcher, Tensor left, boolean transposeA, Tensor right, boolean transposeB, int[] nkm) {
        a = left.data();
        b = right.data();
        rows = nkm[0];
        inner = nkm[1];
        cols = nkm[2];
        aRowStride = transposeA ? 1 : inner;
        aColStride = transposeA ? rows : 1;
        bRowStride = transposeB ? 1 : cols;
        bColStride = transposeB ? inner : 1;
        c = new float[Math.max(rows * cols, 1)];
        put(a).put(b);
        launcher.execute(this, launcher.tiled(cols, rows, TILE));
        get(c);
        return Tensor.of(rows * cols == 0 ? new float[0] : c, rows, cols);
    }
}
