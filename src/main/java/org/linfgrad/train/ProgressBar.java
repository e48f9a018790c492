package org.linfgrad.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for the batches of an epoch, redrawn in place with a carriage return and shown only on
 * an interactive terminal (on a pipe or in a log it would leave a line per redraw; the per-epoch summary line is
 * printed anyway). The line, elapsed time and ETA included, is one character narrower than the terminal
 * ({@code COLUMNS}, else 80 columns), so that it never wraps and {@link #clear} leaves no blank line.
 */
final class ProgressBar {
    private static final int DEFAULT_COLUMNS = 80;
    /** The narrowest bar drawn; on a terminal too narrow for it the line goes without one. */
    private static final int MIN_BAR = 10;
    /** The widest bar drawn, however wide the terminal. */
    private static final int MAX_BAR = 40;

    private final PrintStream out;
    private final boolean enabled;
    private final int columns;
    private final long start = System.nanoTime();

    ProgressBar(PrintStream out) {
        this(out, out == System.out && System.console() != null && System.console().isTerminal(),
                columns(System.getenv("COLUMNS")));
    }

    ProgressBar(PrintStream out, boolean enabled, int columns) {
        this.out = out;
        this.enabled = enabled;
        this.columns = columns;
    }

    /** The terminal width {@code COLUMNS} gives, or 80 when it is missing or not a positive number. */
    static int columns(String env) {
        try {
            int columns = env == null ? DEFAULT_COLUMNS : Integer.parseInt(env.strip());
            return columns > 0 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }

    /** Redraws: epoch, a bar of done / total batches, elapsed time and ETA, samples per second and the loss. */
    void update(int epoch, int epochs, int done, int total, double samplesPerSecond, double loss) {
        if (enabled) {
            out.print("\r" + line(columns, epoch, epochs, done, total, (System.nanoTime() - start) / 1e9,
                    samplesPerSecond, loss));
            out.flush();
        }
    }

    /** Clears the bar so that the epoch's summary line takes its place. */
    void clear() {
        if (enabled) {
            out.print("\r" + " ".repeat(columns - 1) + "\r");
            out.flush();
        }
    }

    /**
     * The bar's text, at most {@code columns - 1} characters: {@code epoch 3/60 [#####     ] 45% 0:02<0:03
     * 4512 samples/s loss 0.1234}, the bar as wide as the rest leaves (at most {@value #MAX_BAR}); where even the
     * narrowest bar does not fit, the line without the bar and the speed, cut at the width.
     */
    static String line(int columns, int epoch, int epochs, int done, int total, double elapsed, double samplesPerSecond,
                       double loss) {
        double eta = done == 0 ? 0 : elapsed * (total - done) / done;
        String head = String.format(Locale.ROOT, "epoch %d/%d ", epoch, epochs);
        String tail = String.format(Locale.ROOT, " %3d%% %s<%s  %.0f samples/s  loss %.4f", 100 * done / total,
                clock(elapsed), clock(eta), samplesPerSecond, loss);
        int width = Math.min(MAX_BAR, columns - 1 - head.length() - tail.length() - 2);
        if (width < MIN_BAR) {
            String text = String.format(Locale.ROOT, "%s%d%% %s<%s  loss %.4f", head, 100 * done / total, clock(elapsed),
                    clock(eta), loss);
            return text.substring(0, Math.min(text.length(), Math.max(0, columns - 1)));
        }
        int filled = width * done / total;
        return head + "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]" + tail;
    }

    /** Seconds as m:ss, or h:mm:ss from an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
