package org.linfgrad.train;

import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/** Clean and margin-certified accuracy of a batch of logits. */
public record Evaluation(int total, int correct, int certified) {

    /**
     * Counts the correct predictions (argmax, ties to the lowest index, equals the label) and the certified
     * ones: correct with f_y - max_{j != y} f_j > 2 eps, the margin certificate of a 1-Lipschitz network.
     */
    public static Evaluation of(Tensor logits, int[] labels, float eps) {
        int classes = logits.dim(1);
        int[] predicted = Backends.current().max(logits, 1).indices();
        int correct = 0;
        int certified = 0;
        for (int b = 0; b < labels.length; b++) {
            if (predicted[b] != labels[b]) {
                continue;
            }
            correct++;
            float truth = logits.data()[b * classes + labels[b]];
            float bestOther = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                if (j != labels[b]) {
                    bestOther = Math.max(bestOther, logits.data()[b * classes + j]);
                }
            }
            if (truth - bestOther > 2 * eps) {
                certified++;
            }
        }
        return new Evaluation(labels.length, correct, certified);
    }

    public Evaluation plus(Evaluation other) {
        return new Evaluation(total + other.total, correct + other.correct, certified + other.certified);
    }

    public double accuracy() {
        return total == 0 ? 0 : (double) correct / total;
    }

    public double certifiedAccuracy() {
        return total == 0 ? 0 : (double) certified / total;
    }
}
