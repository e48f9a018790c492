package org.linfgrad.backend.simd;

import java.util.Arrays;
import java.util.function.BiFunction;
import org.linfgrad.tensor.Tensor;

/**
 * Runs a per-sample kernel on slices of the batch in parallel: the sort-based order-statistic kernels have
 * no cross-sample work, so each thread runs the reference kernel on its rows of x (and of g), and the
 * results are stitched back together. Gradients with respect to weights, which sum over the batch, are
 * added up across slices.
 */
final class BatchSlices {
    private BatchSlices() {}

    /** Rows [from, to) of a [B, ...] tensor, copied. */
    static Tensor rows(Tensor t, int from, int to) {
        int width = t.size() / t.dim(0);
        int[] shape = t.shape();
        shape[0] = to - from;
        return Tensor.of(Arrays.copyOfRange(t.data(), from * width, to * width), shape);
    }

    /** The given rows of a [R, C] tensor, copied in that order. */
    static Tensor pick(Tensor t, int[] rows) {
        int width = t.dim(1);
        float[] out = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(t.data(), rows[r] * width, out, r * width, width);
        }
        return Tensor.of(out, rows.length, width);
    }

    /**
     * Runs {@code kernel(from, to)} on every slice and assembles its results: result k is either per-sample
     * ({@code perSample[k]}, rows concatenated in order) or summed over the slices.
     */
    static Tensor[] run(int batch, boolean[] perSample, BiFunction<Integer, Integer, Tensor[]> kernel) {
        int slices = Math.min(batch, Parallel.THREADS);
        Tensor[][] parts = new Tensor[slices][];
        Parallel.forRange(slices, slices, (from, to) -> {
            for (int s = from; s < to; s++) {
                parts[s] = kernel.apply(batch * s / slices, batch * (s + 1) / slices);
            }
        });
        Tensor[] out = new Tensor[perSample.length];
        for (int k = 0; k < perSample.length; k++) {
            out[k] = perSample[k] ? concatenate(parts, k, batch) : sum(parts, k);
        }
        return out;
    }

    private static Tensor concatenate(Tensor[][] parts, int k, int batch) {
        int[] shape = parts[0][k].shape();
        shape[0] = batch;
        float[] data = new float[Arrays.stream(parts).mapToInt(p -> p[k].size()).sum()];
        int offset = 0;
        for (Tensor[] part : parts) {
            System.arraycopy(part[k].data(), 0, data, offset, part[k].size());
            offset += part[k].size();
        }
        return Tensor.of(data, shape);
    }

    private static Tensor sum(Tensor[][] parts, int k) {
        float[] total = parts[0][k].data().clone();
        for (int s = 1; s < parts.length; s++) {
            float[] add = parts[s][k].data();
            for (int e = 0; e < total.length; e++) {
                total[e] += add[e];
            }
        }
        return Tensor.of(total, parts[0][k].shape());
    }
}
