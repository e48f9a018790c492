package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Unary;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * Softmax cross-entropy with integer labels, averaged over the batch: for logits x of shape [B, C],
 * L = -(1/B) sum_b log softmax(x_b)[label_b]. dL/dx_b = g * (softmax(x_b) - onehot(label_b)) / B.
 * The context is the log-softmax of the logits.
 */
public final class CrossEntropy implements Function<Tensor> {
    private final int[] labels;

    /** Labels in [0, C), one per row of the logits. */
    public CrossEntropy(int... labels) {
        this.labels = labels.clone();
    }

    @Override
    public Forward<Tensor> forward(Tensor... in) {
        Tensor logits = in[0];
        Shape.requireRank("crossEntropy", logits.shape(), 2);
        int batch = logits.dim(0);
        int classes = logits.dim(1);
        if (labels.length != batch) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for logits of shape "
                    + Shape.format(logits.shape()) + "; give one label per row");
        }
        Tensor logProbs = Backends.current().logSoftmax(logits);
        double loss = 0;
        for (int r = 0; r < batch; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[r] + " of row " + r
                        + " is outside [0, " + classes + ")");
            }
            loss -= logProbs.data()[r * classes + labels[r]];
        }
        return new Forward<>(Tensor.scalar((float) (loss / batch)), logProbs);
    }

    @Override
    public Tensor[] backward(Tensor logProbs, Tensor g) {
        Backend b = Backends.current();
        int batch = logProbs.dim(0);
        int classes = logProbs.dim(1);
        float[] grad = b.scale(b.map(Unary.EXP, logProbs), g.item() / batch).data();
        for (int r = 0; r < batch; r++) {
            grad[r * classes + labels[r]] -= g.item() / batch;
        }
        return new Tensor[] {Tensor.of(grad, batch, classes)};
    }

    @Override
    public String toString() {
        return "crossEntropy";
    }
}
