package org.linfgrad.backend.simd;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/** Runs the chunks of a loop on the common fork-join pool, one task per chunk. */
final class Parallel {
    /** The number of worker threads a kernel splits its work for. */
    static final int THREADS = ForkJoinPool.commonPool().getParallelism() + 1;

    private Parallel() {}

    /** A loop body over the half-open range [from, to). */
    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    /** Runs body over [0, n) split into {@code 4 * THREADS} chunks (fewer when n is small), for load balance. */
    static void forRange(int n, RangeBody body) {
        forRange(n, 4 * THREADS, body);
    }

    /** Runs body over [0, n) split into at most {@code maxChunks} chunks of near-equal size. */
    static void forRange(int n, int maxChunks, RangeBody body) {
        int chunks = Math.min(n, maxChunks);
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(from, to);
                }
            };
        }
        RecursiveAction.invokeAll(tasks);
    }
}
