package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.tensor.Tensor;

/** y = x^p elementwise for a constant p; dL/dx = g * p * x^(p-1). */
public record Pow(float p) implements Function<Tensor> {

    @Override
    public Forward<Tensor> forward(Tensor... in) {
        return new Forward<>(Backends.current().pow(in[0], p), in[0]);
    }

    @Override
    public Tensor[] backward(Tensor x, Tensor g) {
        Backend b = Backends.current();
        return new Tensor[] {b.zip(Binary.MUL, g, b.scale(b.pow(x, p - 1), p))};
    }
}
