package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** y_b = x[b, label_b] for x of shape [B, C]; dL/dx is g_b at (b, label_b) and 0 elsewhere. */
public final class Pick implements Function<int[]> {
    private final int[] labels;

    public Pick(int... labels) {
        this.labels = labels.clone();
    }

    @Override
    public Forward<int[]> forward(Tensor... in) {
        Tensor x = in[0];
        Shape.requireRank("pick", x.shape(), 2);
        if (labels.length != x.dim(0)) {
            throw new IllegalArgumentException("pick: " + labels.length + " labels for shape " + Shape.format(x.shape()));
        }
        float[] y = new float[labels.length];
        for (int b = 0; b < y.length; b++) {
            if (labels[b] < 0 || labels[b] >= x.dim(1)) {
                throw new IllegalArgumentException("pick: label " + labels[b] + " is outside [0, " + x.dim(1) + ")");
            }
            y[b] = x.data()[b * x.dim(1) + labels[b]];
        }
        return new Forward<>(Tensor.of(y, y.length), x.shape());
    }

    @Override
    public Tensor[] backward(int[] shape, Tensor g) {
        float[] grad = new float[shape[0] * shape[1]];
        for (int b = 0; b < labels.length; b++) {
            grad[b * shape[1] + labels[b]] = g.data()[b];
        }
        return new Tensor[] {Tensor.of(grad, shape)};
    }

    @Override
    public String toString() {
        return "pick";
    }
}
