package org.linfgrad.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.linfgrad.certify.Certifier;

/**
 * The progress lines of {@code certify}: one after each batch of points, and, while the attack on a batch takes
 * long (many PGD steps), one at most every {@value #STEP_LINE_SECONDS} seconds with the step it has reached, so
 * that a long run always shows that it moves.
 */
final class CertifyProgress implements Certifier.Progress {
    private static final double STEP_LINE_SECONDS = 10;

    private final PrintStream out;
    private final double stepLineSeconds;
    private final int total;
    private final int steps;
    private final int restarts;
    private final long start = System.nanoTime();
    private long lastLine = start;

    CertifyProgress(PrintStream out, int total, int steps, int restarts) {
        this(out, total, steps, restarts, STEP_LINE_SECONDS);
    }

    /** As the public form, with the seconds between step lines given ({@code 0}: a line for every step). */
    CertifyProgress(PrintStream out, int total, int steps, int restarts, double stepLineSeconds) {
        this.out = out;
        this.stepLineSeconds = stepLineSeconds;
        this.total = total;
        this.steps = steps;
        this.restarts = restarts;
    }

    @Override
    public void pointsDone(int done) {
        lastLine = System.nanoTime();
        out.printf(Locale.ROOT, "  %d / %d points, %.0f points/s%n", done, total, done / seconds(start, lastLine));
    }

    @Override
    public void attackStepped(int first, int last, int restart, int step) {
        long now = System.nanoTime();
        if (seconds(lastLine, now) >= stepLineSeconds) {
            lastLine = now;
            out.printf(Locale.ROOT, "  PGD on points %d-%d: restart %d / %d, step %d / %d%n", first, last, restart,
                    restarts, step, steps);
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
