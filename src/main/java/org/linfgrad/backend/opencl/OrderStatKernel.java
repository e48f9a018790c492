package org.linfgrad.backend.opencl;

import com.aparapi.Kernel;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.tensor.Tensor;

/**
 * The k_j-th smallest z_bji = x_bi - w_ji over i and its index, one work item per (j, b), without scratch
 * memory: a quickselect over the pairs (z, i) ordered by value and then index (so ties go to the lowest
 * index, as in the reference). Each round picks a pseudo-random pivot among the pairs still between the
 * bounds, counts the pairs below it, and moves a bound to it, until the pivot's rank is k_j - 1; two passes
 * over the row per round and, expectedly, O(log N) rounds.
 */
final class OrderStatKernel extends Kernel {
    private float[] x = {};
    private float[] w = {};
    private int[] rank = {};
    private float[] y = {};
    private int[] selected = {};
    private int n;
    private int m;

    @Override
    public void run() {
        int j = getGlobalId(0);
        int b = getGlobalId(1);
        int target = rank[j] - 1;
        int low = -1; // bounds: indices of pairs known to be below / above the target, -1 for none yet
        int high = -1;
        int lowRank = -1;
        int highRank = n;
        int state = b * 7919 + j * 104729 + 1;
        int pivot = -1;
        int pivotRank = -1;
        while (pivotRank != target) {
            state = state * 1103515245 + 12345;
            int pick = ((state >>> 8) & 0x7fffff) % (highRank - lowRank - 1);
            pivot = -1;
            for (int i = 0; i < n && pivot < 0; i++) {
                if ((low < 0 || before(b, j, low, i) == 1) && (high < 0 || before(b, j, i, high) == 1)) {
                    if (pick == 0) {
                        pivot = i;
                    }
                    pick--;
                }
            }
            pivotRank = 0;
            for (int i = 0; i < n; i++) {
                pivotRank += before(b, j, i, pivot);
            }
            if (pivotRank < target) {
                low = pivot;
                lowRank = pivotRank;
            } else if (pivotRank > target) {
                high = pivot;
                highRank = pivotRank;
            }
        }
        selected[b * m + j] = pivot;
        y[b * m + j] = z(b, j, pivot);
    }

    private float z(int b, int j, int i) {
        return x[b * n + i] - w[j * n + i];
    }

    /** 1 when pair (z_i, i) comes before pair (z_k, k): a smaller value, or an equal one at a lower index. */
    private int before(int b, int j, int i, int k) {
        float zi = z(b, j, i);
        float zk = z(b, j, k);
        int result = 0;
        if (zi < zk || (zi == zk && i < k)) {
            result = 1;
        }
        return result;
    }

    ArgReduction compute(Launcher launcher, Tensor inputs, Tensor weights, int[] ranks) {
        int batch = inputs.dim(0);
        x = inputs.data();
        w = weights.data();
        rank = ranks;
        n = inputs.dim(1);
        m = ranks.length;
        y = new float[batch * m];
        selected = new int[batch * m];
        put(x).put(w).put(rank);
        launcher.execute(this, launcher.range(m, batch));
        get(y).get(selected);
        return new ArgReduction(Tensor.of(y, batch, m), selected);
    }
}
