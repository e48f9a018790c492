package org.linfgrad.model;

import java.util.Locale;

/**
 * What a network is, compactly: {@code dist:linf:5x128} is a pure distance net of 5 L-infinity distance layers
 * of width 128 (the last one of width {@code classes}); {@code hybrid:linf:4x128} is 4 distance layers under a
 * Linear, tanh, Linear head. The spec, with the input and class counts, is stored in checkpoints.
 *
 * @param kind    {@code dist} or {@code hybrid}
 * @param neuron  the neuron of the distance layers
 * @param depth   the number of distance layers (at least 1 for dist, which counts the output layer)
 * @param width   the width of the hidden layers
 * @param inputs  the number of input features
 * @param classes the number of classes
 */
public record ModelSpec(Kind kind, Neuron neuron, int depth, int width, int inputs, int classes) {

    /** The architectures. */
    public enum Kind { DIST, HYBRID }

    /** The neurons a distance layer can be made of. */
    public enum Neuron {
        /** L-infinity distance, trained through the L-p relaxation with the p schedule. */
        LINF,
        /** the median of x - w. */
        MEDIAN,
        /** the second-largest of x - w: an order statistic other than the max. */
        ORDERSTAT,
        /** the soft order statistic with a learnable rank. */
        SOFTORDER,
        /** the weighted order statistic, soft in training and hard in evaluation. */
        WEIGHTED,
        /**
         * SortNet's neuron: the top {@value #SORTNET_K} of |x - w| with geometric weights, q = {@value #SORTNET_Q},
         * trained through the L-p / L-infinity neuron over random subsets of the inputs.
         */
        SORTNET;

        /** SortNet's keep probability q, as in its MNIST runs (dropout 0.75 there is the probability kept). */
        public static final double SORTNET_Q = 0.75;
        /** The number of ranks SortNet's neuron sums, its code's default truncation. */
        public static final int SORTNET_K = 10;
    }

    public ModelSpec {
        if (depth < 1 || width < 1 || inputs < 1 || classes < 2) {
            throw new IllegalArgumentException("model: depth and width must be positive and there must be at least 2 "
                    + "classes, got depth " + depth + ", width " + width + ", classes " + classes);
        }
    }

    /** Parses {@code kind:neuron:DEPTHxWIDTH}, for instance {@code dist:linf:5x128}. */
    public static ModelSpec parse(String text, int inputs, int classes) {
        String[] parts = text.toLowerCase(Locale.ROOT).split(":");
        try {
            String[] size = parts[2].split("x");
            return new ModelSpec(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                    Neuron.valueOf(parts[1].toUpperCase(Locale.ROOT)), Integer.parseInt(size[0]),
                    Integer.parseInt(size[1]), inputs, classes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("model spec '" + text + "' is not kind:neuron:DEPTHxWIDTH with kind "
                    + "dist|hybrid and neuron linf|median|orderstat|softorder|weighted|sortnet, for instance dist:linf:5x128");
        }
    }

    /** The text {@link #parse} reads back. */
    public String format() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + neuron.name().toLowerCase(Locale.ROOT) + ":" + depth
                + "x" + width;
    }
}
