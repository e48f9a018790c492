package org.linfgrad.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place with carriage returns, shown only on an interactive terminal
 * (on a pipe or in a log it would leave a line per redraw; the per-epoch summary line is printed anyway).
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;

    ProgressBar(PrintStream out) {
        this.out = out;
        this.enabled = out == System.out && System.console() != null && System.console().isTerminal();
    }

    /** Redraws: epoch, a bar of done / total batches, samples per second and the running loss. */
    void update(int epoch, int epochs, int done, int total, double samplesPerSecond, double loss) {
        if (!enabled) {
            return;
        }
        int filled = WIDTH * done / total;
        out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %3d%%  %6.0f samples/s  loss %.4f", epoch, epochs,
                "#".repeat(filled), " ".repeat(WIDTH - filled), 100 * done / total, samplesPerSecond, loss);
        out.flush();
    }

    /** Clears the bar so that the epoch's summary line takes its place. */
    void clear() {
        if (enabled) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
    }
}
