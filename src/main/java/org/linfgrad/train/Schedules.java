package org.linfgrad.train;

/** The schedules of a training run, as functions of the epoch (0-based) and the number of epochs. */
public final class Schedules {
    private Schedules() {}

    /** Cosine decay from lr to 0 over the run, evaluated at a fractional epoch. */
    public static double cosine(double lr, double epoch, int epochs) {
        return lr * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, epoch / epochs)));
    }

    /**
     * The p schedule of the L-infinity-dist net papers: p = 8 for the first 5 % of the epochs, then geometric
     * growth to 1024 in powers of two until 90 %, then infinity for the last 10 %.
     */
    public static double p(int epoch, int epochs) {
        int first = Math.max(1, (int) Math.round(0.05 * epochs));
        int last = Math.max(first + 1, (int) Math.round(0.9 * epochs));
        if (epoch < first) {
            return 8;
        }
        if (epoch >= last) {
            return Double.POSITIVE_INFINITY;
        }
        double fraction = (epoch - first + 1) / (double) (last - first);
        // powers of two, 8, 16, ..., 1024: whole p take the simd kernels' binary exponentiation
        return Math.pow(2, Math.round(3 + 7 * fraction));
    }

    /** eps_train grows linearly from 0 to eps over the given fraction of the run, then stays. */
    public static double epsRamp(double eps, int epoch, int epochs, double fraction) {
        return eps * Math.min(1, (epoch + 1) / Math.max(1.0, fraction * epochs));
    }

    /** The soft-order temperature: geometric from 1 to 0.01 over the run. */
    public static double temperature(int epoch, int epochs) {
        return Math.pow(0.01, epoch / (double) Math.max(1, epochs - 1));
    }

    /** The mixture loss weight lambda: geometric from start to start / 100 over the run. */
    public static double lambda(double start, int epoch, int epochs) {
        return start * Math.pow(0.01, epoch / (double) Math.max(1, epochs - 1));
    }
}
