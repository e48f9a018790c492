package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** y = sum of x along {@code axis} (removed); dL/dx is g repeated along that axis. The context is x's shape. */
public record SumAlong(int axis) implements Function<int[]> {

    @Override
    public Forward<int[]> forward(Tensor... in) {
        return new Forward<>(Backends.current().sum(in[0], axis), in[0].shape());
    }

    @Override
    public Tensor[] backward(int[] shape, Tensor g) {
        int a = Shape.axis("sum", shape, axis);
        return new Tensor[] {Backends.current().broadcastTo(g.reshape(Shape.withUnit(g.shape(), a)), shape)};
    }
}
