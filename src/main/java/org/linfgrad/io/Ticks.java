package org.linfgrad.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick values for a chart axis: multiples of a step of 1, 2 or 5 times a power of ten, the smallest that
 * cuts the range into at most {@value #MAX_PARTS} parts (the 1-2-5 rule of plotting libraries), and their labels.
 *
 * @param step   the distance between ticks
 * @param values the ticks inside the range, ascending
 */
record Ticks(double step, List<Double> values) {
    /** The most intervals between ticks across a range. */
    private static final int MAX_PARTS = 7;

    /** The ticks inside [lo, hi] (lo < hi). */
    static Ticks of(double lo, double hi) {
        double step = step(hi - lo);
        List<Double> values = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) {
            values.add(k * step);
        }
        return new Ticks(step, values);
    }

    /** The smallest step of 1, 2 or 5 times a power of ten that cuts {@code span} into at most {@value #MAX_PARTS} parts. */
    static double step(double span) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(span / MAX_PARTS)));
        for (double m : new double[] {1, 2, 5}) {
            if (span / (m * magnitude) <= MAX_PARTS + 1e-9) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** [lo, hi] widened to the nearest multiples of the step, for an axis whose range comes from its data. */
    static double[] widen(double lo, double hi) {
        double step = step(hi - lo);
        return new double[] {Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step};
    }

    /** A tick's label with the decimals the step needs: 0.05 gives two ("0.10"), 10 none. */
    String label(double value) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value == 0 ? 0.0 : value);
    }
}
