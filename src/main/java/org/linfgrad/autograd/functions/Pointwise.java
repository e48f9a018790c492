package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.Unary;
import org.linfgrad.tensor.Tensor;

/**
 * Elementwise functions y = f(x), each listed with its derivative rule dL/dx = g * f'(x), written through x
 * or through the output y whichever is cheaper. Kinks get the one-sided value 0: abs'(0) = relu'(0) = 0.
 */
public enum Pointwise implements Function<Pointwise.Saved> {
    /** y = -x; dL/dx = -g. */
    NEG(Unary.NEG, (b, g, x, y) -> b.map(Unary.NEG, g)),
    /** y = exp(x); dL/dx = g * y. */
    EXP(Unary.EXP, (b, g, x, y) -> b.zip(Binary.MUL, g, y)),
    /** y = log(x); dL/dx = g / x. */
    LOG(Unary.LOG, (b, g, x, y) -> b.zip(Binary.DIV, g, x)),
    /** y = |x|; dL/dx = g * sign(x). */
    ABS(Unary.ABS, (b, g, x, y) -> b.zip(Binary.ABS_GRAD, g, x)),
    /** y = max(x, 0); dL/dx = g where x > 0, else 0. */
    RELU(Unary.RELU, (b, g, x, y) -> b.zip(Binary.RELU_GRAD, g, x)),
    /** y = tanh(x); dL/dx = g * (1 - y^2). */
    TANH(Unary.TANH, (b, g, x, y) -> b.zip(Binary.TANH_GRAD, g, y)),
    /** y = 1 / (1 + exp(-x)); dL/dx = g * y * (1 - y). */
    SIGMOID(Unary.SIGMOID, (b, g, x, y) -> b.zip(Binary.SIGMOID_GRAD, g, y));

    /** What backward needs: the input and the output. */
    public record Saved(Tensor x, Tensor y) {}

    /** dL/dx from the upstream gradient g, the input x and the output y. */
    @FunctionalInterface
    private interface Derivative {
        Tensor apply(Backend backend, Tensor g, Tensor x, Tensor y);
    }

    private final Unary op;
    private final Derivative derivative;

    Pointwise(Unary op, Derivative derivative) {
        this.op = op;
        this.derivative = derivative;
    }

    @Override
    public Forward<Saved> forward(Tensor... in) {
        Tensor y = Backends.current().map(op, in[0]);
        return new Forward<>(y, new Saved(in[0], y));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        return new Tensor[] {derivative.apply(Backends.current(), g, s.x(), s.y())};
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
