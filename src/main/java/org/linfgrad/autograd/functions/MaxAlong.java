package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * y = max of x along {@code axis} (removed). dL/dx is g at the first maximum of each line and 0 elsewhere:
 * ties go to the lowest index, as everywhere in linfgrad.
 */
public record MaxAlong(int axis) implements Function<MaxAlong.Saved> {

    /** The input's shape and, per output element, the index of the maximum along the axis. */
    public record Saved(int[] shape, int[] argmax) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        ArgReduction max = Backends.current().max(in[0], axis);
        return new Forward<>(max.values(), new Saved(in[0].shape(), max.indices()));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return new Tensor[] {Backends.current().scatter(g, s.argmax(), s.shape(), axis)};
    }
}
