package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/** y = c * x for a constant c; dL/dx = c * g. */
public record Scale(float c) implements Function<Void> {

    @Override
    public Forward<Void> forward(Tensor... in) {
        return new Forward<>(Backends.current().scale(in[0], c), null);
    }

    @Override
    public Tensor[] backward(Void nothing, Tensor g) {
        return new Tensor[] {Backends.current().scale(g, c)};
    }
}
