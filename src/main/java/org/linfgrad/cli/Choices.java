package org.linfgrad.cli;

import java.util.Locale;

/**
 * The closed sets of words that options take. Each constant is written on the command line, in help and in
 * completion as its name in lower case with hyphens ({@code FASHION_MNIST} is {@code fashion-mnist}), which
 * {@link #toString} gives and picocli matches.
 */
final class Choices {
    private Choices() {}

    /** The word of a constant: {@code FASHION_MNIST} is {@code fashion-mnist}. */
    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code --data-set}. */
    enum DataSet {
        DIGITS, FASHION_MNIST;

        @Override
        public String toString() {
            return word(this);
        }
    }

    /** {@code --optimizer}. */
    enum Optimizer {
        ADAM, SGD;

        @Override
        public String toString() {
            return word(this);
        }
    }

    /** {@code --loss}: ce, hinge or mixture for a dist net; ce or ibp for a hybrid (the trainer checks which). */
    enum Loss {
        CE, HINGE, MIXTURE, IBP;

        @Override
        public String toString() {
            return word(this);
        }
    }

    /** {@code --backend}. */
    enum Backend {
        REFERENCE, SIMD, OPENCL;

        @Override
        public String toString() {
            return word(this);
        }
    }
}
