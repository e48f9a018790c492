package org.linfgrad.backend;

import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** The shape check of op(A) op(B), shared by the matmul kernels. */
public final class MatMulShapes {
    private MatMulShapes() {}

    /** Checks that op(a) [n, k] and op(b) [k, m] chain and returns {n, k, m}. */
    public static int[] check(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        Shape.requireRank("matmul", a.shape(), 2);
        Shape.requireRank("matmul", b.shape(), 2);
        int n = transposeA ? a.dim(1) : a.dim(0);
        int k = transposeA ? a.dim(0) : a.dim(1);
        int kb = transposeB ? b.dim(1) : b.dim(0);
        int m = transposeB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.format(a.shape()) + (transposeA ? "^T" : "")
                    + " and " + Shape.format(b.shape()) + (transposeB ? "^T" : "") + " do not chain (" + k + " vs " + kb + ")");
        }
        return new int[] {n, k, m};
    }
}
