package org.linfgrad.certify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.linfgrad.data.Batches;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.nn.Layer;
import org.linfgrad.nn.Linear;
import org.linfgrad.tensor.Tensor;

/**
 * Certifies a network in evaluation mode at radius eps (pixel units of [0, 1]) on every point of a data set:
 * <ul>
 *   <li>margin certificate, for 1-Lipschitz nets: certified iff f_y - max_{j != y} f_j > marginFactor * eps
 *   (marginFactor 2 is the sound rule: every logit moves by at most eps);</li>
 *   <li>interval bounds: certified iff the lower bound of f_y - f_j over the box is positive for every j;</li>
 *   <li>PGD and random corners of the box: a point they break is not robust, whatever was claimed.</li>
 * </ul>
 * A point counts as certified when either certificate holds; a certified point that the attacks break is a
 * soundness violation, counted in the report (and never expected).
 */
public final class Certifier {
    private static final int BATCH = 256;
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

    /** The outcome for one point; margin is in normalised units, negative when misclassified. */
    public record Point(boolean correct, double margin, boolean marginCertified, boolean intervalCertified,
                        boolean attackRobust) {
        /** Certified by either certificate (both require a correct prediction). */
        public boolean certified() {
            return correct && (marginCertified || intervalCertified);
        }
    }

    /** Certifies every point of the data set at radius eps. */
    public List<Point> run(Dataset set, double eps) {
        return run(set, eps, done -> { });
    }

    /** Certifies every point, telling {@code progress} how many points are done after each batch. */
    public List<Point> run(Dataset set, double eps, java.util.function.IntConsumer progress) {
        net.setTraining(false);
        net.setP(Double.POSITIVE_INFINITY);
        float radius = norm.radius(eps);
        List<Point> points = new ArrayList<>();
        for (int[] positions : Batches.of(set.size(), BATCH, null)) {
            Dataset batch = set.subset(positions);
            Tensor x = norm.apply(batch.images());
            int[] y = batch.labels();
            Tensor logits = net.predict(x);
            Box ball = Box.around(x, radius, norm.value(0), norm.value(1));
            float[] gap = intervalLowerGap(ball, y);
            boolean[] robust = pgd.robust(net, x, y, ball);
            attackCorners(x, y, ball, robust);
            boolean[] correctness = new boolean[y.length];
            java.util.Arrays.fill(correctness, true);
            Pgd.markBroken(logits, y, correctness);
            for (int b = 0; b < y.length; b++) {
                double margin = margin(logits, b, y[b]);
                boolean correct = correctness[b];
                points.add(new Point(correct, margin, correct && net.isOneLipschitz() && margin > marginFactor * radius,
                        correct && gap[b] > 0, correct && robust[b]));
            }
            progress.accept(points.size());
        }
        return points;
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

    /** For every sample, a lower bound of min_{j != y} (f_y - f_j) over the box. */
    float[] intervalLowerGap(Box ball, int[] labels) {
        List<Layer> layers = net.body().layers();
        boolean linearHead = layers.get(layers.size() - 1) instanceof Linear;
        Box box = ball;
        for (Layer layer : linearHead ? layers.subList(0, layers.size() - 1) : layers) {
            box = IntervalBounds.propagate(layer, box);
        }
        int batch = labels.length;
        float[] gap = new float[batch];
        if (linearHead) {
            Linear head = (Linear) layers.get(layers.size() - 1);
            for (int b = 0; b < batch; b++) {
                gap[b] = headGap(head, box, b, labels[b]);
            }
        } else { // logits are the negated outputs: f_y - f_j >= lower(y_j) - upper(y_y)
            int classes = box.lower().dim(1);
            for (int b = 0; b < batch; b++) {
                float worst = Float.POSITIVE_INFINITY;
                for (int j = 0; j < classes; j++) {
                    if (j != labels[b]) {
                        worst = Math.min(worst, box.lower().data()[b * classes + j]
                                - box.upper().data()[b * classes + labels[b]]);
                    }
                }
                gap[b] = worst;
            }
        }
        return gap;
    }

    /** min over the box of (W_y - W_j) h + b_y - b_j, the exact bound of a linear head on logit differences. */
    private static float headGap(Linear head, Box h, int b, int label) {
        Tensor w = head.weight().value();
        int classes = w.dim(0);
        int n = w.dim(1);
        Tensor bias = head.parameters().containsKey("bias") ? head.parameters().get("bias").value() : null;
        double worst = Double.POSITIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            if (j == label) {
                continue;
            }
            double value = bias == null ? 0 : bias.data()[label] - bias.data()[j];
            double slack = 0;
            for (int i = 0; i < n; i++) {
                double d = w.data()[label * n + i] - w.data()[j * n + i];
                double l = h.lower().data()[b * n + i];
                double u = h.upper().data()[b * n + i];
                value += d > 0 ? d * l : d * u;
                slack += Math.abs(d) * (Math.abs(l) + Math.abs(u));
            }
            worst = Math.min(worst, value - 1e-6 * slack - 1e-7); // outward for the forward pass's rounding
        }
        return (float) worst;
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
                    float[] gap = intervalLowerGap(Box.around(x, radius, norm.value(0), norm.value(1)), batch.labels());
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
