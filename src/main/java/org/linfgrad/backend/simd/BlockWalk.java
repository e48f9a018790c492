package org.linfgrad.backend.simd;

import java.util.function.Supplier;

/**
 * The walk of the kernels with lanes across output neurons over every (block of {@value DistanceForward#BLOCK}
 * neurons, sample) pair, on all threads. It splits the neuron blocks across threads when there are enough of
 * them (each thread then keeps its slice of the weight panels in cache across all samples), else the samples.
 * Either way a thread visits its blocks in increasing order and, within a block, its samples in increasing
 * order, with one state of its own.
 */
final class BlockWalk {
    private BlockWalk() {}

    /** The work for sample b and the neurons j0..j0+BLOCK, with the calling thread's state. */
    @FunctionalInterface
    interface Work<S> {
        void run(S state, int b, int j0);
    }

    /** Whether {@link #run} splits the neuron blocks (true) or the samples (false) across threads. */
    static boolean splitsBlocks(int blocks, int batch) {
        return blocks >= 2 * Parallel.THREADS || blocks >= batch;
    }

    /** Runs {@code work} for every sample and block, each chunk of the split with a state from {@code state}. */
    static <S> void run(int blocks, int batch, Supplier<S> state, Work<S> work) {
        if (splitsBlocks(blocks, batch)) {
            Parallel.forRange(blocks, (from, to) -> {
                S s = state.get();
                for (int k = from; k < to; k++) {
                    for (int b = 0; b < batch; b++) {
                        work.run(s, b, k * DistanceForward.BLOCK);
                    }
                }
            });
        } else {
            Parallel.forRange(batch, (from, to) -> {
                S s = state.get();
                for (int k = 0; k < blocks; k++) {
                    for (int b = from; b < to; b++) {
                        work.run(s, b, k * DistanceForward.BLOCK);
                    }
                }
            });
        }
    }
}
