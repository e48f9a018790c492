package org.linfgrad.certify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.linfgrad.data.Batches;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;

/**
 * Certifies a network in evaluation mode at radius eps (pixel units of [0, 1]) on every point of a data set:
 * <ul>
 *   <li>margin certificate, for 1-Lipschitz nets: certified iff f_y - max_{j != y} f_j > marginFactor * eps
 *   (marginFactor 2 is the sound rule: every logit moves by at most eps);</li>
 *   <li>interval bounds: certified iff the lower bound of f_y - f_j over the box is positive for every j;</li>
 *   <li>PGD and random corners of the box: a point they break is not robust, whatever was claimed.</li>
 * </ul>
 * {@link #run} reports both certificates and the attacks per point; a point counts as certified when either
 * certificate holds, and a certified point that the attacks break is a soundness violation, counted in the report
 * (and never expected). {@link #evaluate} counts the network's own certificate ({@link Certificate#of}) without
 * attacks, in the same batches: what the trainer monitors, equal to {@code run}'s figure for that certificate.
 */
public final class Certifier {
    /** Points certified together: the attack runs on one batch at a time. */
    static final int BATCH = 256;
    private static final int CORNERS = 4;

    private final Network net;
    private final Normalization norm;
    private final Pgd pgd;
    private final double marginFactor;

    public Certifier(Network net, Normalization norm, Pgd pgd, double marginFactor) {
        this.net = net;
        this.norm = norm;
        this.pgd = pgd;
        this.marginFactor = marginFactor;
    }

    /** A certifier without attacks, for {@link #evaluate}, with the sound margin rule. */
    public Certifier(Network net, Normalization norm) {
        this(net, norm, null, 2);
    }

    /** The outcome for one point; margin is in normalised units, negative when misclassified. */
    public record Point(boolean correct, double margin, boolean marginCertified, boolean intervalCertified,
                        boolean attackRobust) {
        /** Certified by either certificate (both require a correct prediction). */
        public boolean certified() {
            return correct && (marginCertified || intervalCertified);
        }
    }

    /** Clean accuracy, and certified accuracy by the network's own certificate at radius eps, without attacks. */
    public Evaluation evaluate(Dataset set, double eps) {
        evaluationMode();
        float radius = norm.radius(eps);
        Certificate certificate = Certificate.of(net);
        Evaluation total = new Evaluation(0, 0, 0);
        for (int[] positions : Batches.of(set.size(), BATCH, null)) {
            Dataset batch = set.subset(positions);
            Tensor x = norm.apply(batch.images());
            int[] y = batch.labels();
            Tensor logits = net.predict(x);
            boolean[] correct = correct(logits, y);
            boolean[] certified = switch (certificate) {
                case MARGIN -> marginCertified(logits, y, radius);
                case INTERVAL -> intervalCertified(x, y, radius);
            };
            int right = 0;
            int sure = 0;
            for (int b = 0; b < y.length; b++) {
                right += correct[b] ? 1 : 0;
                sure += correct[b] && certified[b] ? 1 : 0;
            }
            total = total.plus(new Evaluation(y.length, right, sure));
        }
        return total;
    }

    /** What {@link #run(Dataset, double, Progress)} tells its caller as it goes. */
    public interface Progress {
        /** Said after each batch: {@code done} points of the set are certified. */
        void pointsDone(int done);

        /** Said after each PGD step on the batch of points {@code first} to {@code last} (counting from 1). */
        void attackStepped(int first, int last, int restart, int step);
    }

    /** Certifies every point of the data set at radius eps. */
    public List<Point> run(Dataset set, double eps) {
        return run(set, eps, new Progress() {
            @Override
            public void pointsDone(int done) { }

            @Override
            public void attackStepped(int first, int last, int restart, int step) { }
        });
    }

    /** Certifies every point, telling {@code progress} of every batch done and every attack step. */
    public List<Point> run(Dataset set, double eps, Progress progress) {
        if (pgd == null) {
            throw new IllegalStateException("Certifier.run attacks every point: construct the certifier with a Pgd");
        }
        evaluationMode();
        float radius = norm.radius(eps);
        List<Point> points = new ArrayList<>();
        for (int[] positions : Batches.of(set.size(), BATCH, null)) {
            Dataset batch = set.subset(positions);
            Tensor x = norm.apply(batch.images());
            int[] y = batch.labels();
            Tensor logits = net.predict(x);
            Box ball = ball(x, radius);
            boolean[] interval = intervalCertified(x, y, radius);
            boolean[] margin = net.isOneLipschitz() ? marginCertified(logits, y, radius) : new boolean[y.length];
            int first = points.size() + 1;
            int last = points.size() + y.length;
            boolean[] robust = pgd.robust(net, x, y, ball,
                    (restart, step) -> progress.attackStepped(first, last, restart, step));
            attackCorners(x, y, ball, robust);
            boolean[] correctness = correct(logits, y);
            for (int b = 0; b < y.length; b++) {
                boolean correct = correctness[b];
                points.add(new Point(correct, margin(logits, b, y[b]), correct && margin[b], correct && interval[b],
                        correct && robust[b]));
            }
            progress.pointsDone(points.size());
        }
        return points;
    }

    private void evaluationMode() {
        net.setTraining(false);
        net.setP(Double.POSITIVE_INFINITY);
    }

    private Box ball(Tensor x, float radius) {
        return Box.around(x, radius, norm.value(0), norm.value(1));
    }

    /** Whether each prediction (argmax, ties to the lowest index) is the label. */
    private static boolean[] correct(Tensor logits, int[] labels) {
        boolean[] correct = new boolean[labels.length];
        java.util.Arrays.fill(correct, true);
        Pgd.markBroken(logits, labels, correct);
        return correct;
    }

    /** margin > marginFactor * radius, per sample. */
    private boolean[] marginCertified(Tensor logits, int[] labels, float radius) {
        boolean[] certified = new boolean[labels.length];
        for (int b = 0; b < labels.length; b++) {
            certified[b] = margin(logits, b, labels[b]) > marginFactor * radius;
        }
        return certified;
    }

    /** A positive interval lower bound of every f_y - f_j over the ball, per sample. */
    private boolean[] intervalCertified(Tensor x, int[] labels, float radius) {
        float[] gap = intervalLowerGap(ball(x, radius), labels);
        boolean[] certified = new boolean[labels.length];
        for (int b = 0; b < labels.length; b++) {
            certified[b] = gap[b] > 0;
        }
        return certified;
    }

    /** f_y - max_{j != y} f_j. */
    static double margin(Tensor logits, int b, int label) {
        int classes = logits.dim(1);
        double worst = Double.POSITIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            if (j != label) {
                worst = Math.min(worst, logits.data()[b * classes + label] - logits.data()[b * classes + j]);
            }
        }
        return worst;
    }

    /**
     * For every sample, a lower bound of min_{j != y} (f_y - f_j) over the box: through a hybrid's head by
     * {@link IntervalBounds#worstCaseMargins}, else from the bounds of the negated outputs,
     * f_y - f_j >= lower(y_j) - upper(y_y).
     */
    float[] intervalLowerGap(Box ball, int[] labels) {
        Box box = IntervalBounds.propagate(net.features(), ball);
        int batch = labels.length;
        float[] gap = new float[batch];
        if (!net.head().isEmpty()) {
            Tensor worst = IntervalBounds.worstCaseMargins(net.head(), Bounds.of(box), labels).value();
            int classes = worst.dim(1);
            for (int b = 0; b < batch; b++) {
                float largest = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    largest = j == labels[b] ? largest : Math.max(largest, worst.data()[b * classes + j]);
                }
                gap[b] = -largest;
            }
            return gap;
        }
        int classes = box.lower().dim(1);
        for (int b = 0; b < batch; b++) {
            float worst = Float.POSITIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                if (j != labels[b]) {
                    worst = Math.min(worst, box.lower().data()[b * classes + j] - box.upper().data()[b * classes + labels[b]]);
                }
            }
            gap[b] = worst;
        }
        return gap;
    }

    /** Random corners of the box (inside the data range), as a second, gradient-free attack. */
    private void attackCorners(Tensor x, int[] labels, Box ball, boolean[] robust) {
        Random rng = new Random(1);
        for (int c = 0; c < CORNERS; c++) {
            float[] corner = new float[x.size()];
            for (int i = 0; i < corner.length; i++) {
                corner[i] = rng.nextBoolean() ? ball.lower().data()[i] : ball.upper().data()[i];
            }
            Pgd.markBroken(net.predict(Tensor.of(corner, x.shape())), labels, robust);
        }
    }


    /**
     * Certified accuracy at radii 0, maxRadius / steps, ..., maxRadius (pixel units): from the margins of
     * {@code points} for a 1-Lipschitz net, else by interval bounds at every radius.
     */
    public List<double[]> curve(Dataset set, List<Point> points, double maxRadius, int steps) {
        List<double[]> curve = new ArrayList<>();
        for (int k = 0; k <= steps; k++) {
            double r = maxRadius * k / steps;
            float radius = norm.radius(r);
            int certified = 0;
            if (net.isOneLipschitz()) {
                for (Point p : points) {
                    certified += p.correct() && p.margin() > marginFactor * radius ? 1 : 0;
                }
            } else {
                int offset = 0;
                for (int[] positions : Batches.of(set.size(), BATCH, null)) {
                    Dataset batch = set.subset(positions);
                    Tensor x = norm.apply(batch.images());
                    float[] gap = intervalLowerGap(ball(x, radius), batch.labels());
                    for (int b = 0; b < gap.length; b++) {
                        certified += points.get(offset + b).correct() && gap[b] > 0 ? 1 : 0;
                    }
                    offset += gap.length;
                }
            }
            curve.add(new double[] {r, certified / (double) points.size()});
        }
        return curve;
    }
}
