package org.linfgrad.autograd.functions;

import java.util.Arrays;
import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.Unary;
import org.linfgrad.tensor.Tensor;

/**
 * y = a op b elementwise with numpy broadcasting. Each gradient is summed back over the axes its operand was
 * broadcast along ({@link Backend#sumTo}), so a bias row added to a batch receives the sum over the batch.
 */
public enum Arithmetic implements Function<Arithmetic.Saved> {
    /** dL/da = g, dL/db = g. */
    ADD(Binary.ADD, (be, g, a, b) -> new Tensor[] {g, g}),
    /** dL/da = g, dL/db = -g. */
    SUB(Binary.SUB, (be, g, a, b) -> new Tensor[] {g, be.map(Unary.NEG, g)}),
    /** dL/da = g * b, dL/db = g * a. */
    MUL(Binary.MUL, (be, g, a, b) -> new Tensor[] {be.zip(Binary.MUL, g, b), be.zip(Binary.MUL, g, a)}),
    /** dL/da = g / b, dL/db = -(g / b) * a / b. */
    DIV(Binary.DIV, (be, g, a, b) -> {
        Tensor gOverB = be.zip(Binary.DIV, g, b);
        return new Tensor[] {gOverB, be.map(Unary.NEG, be.zip(Binary.MUL, gOverB, be.zip(Binary.DIV, a, b)))};
    });

    /** What backward needs: both operands. */
    public record Saved(Tensor a, Tensor b) {}

    /** The gradients with respect to a and b, still in the broadcast output shape. */
    @FunctionalInterface
    private interface Derivative {
        Tensor[] apply(Backend backend, Tensor g, Tensor a, Tensor b);
    }

    private final Binary op;
    private final Derivative derivative;

    Arithmetic(Binary op, Derivative derivative) {
        this.op = op;
        this.derivative = derivative;
    }

    @Override
    public Forward<Saved> forward(Tensor... in) {
        return new Forward<>(Backends.current().zip(op, in[0], in[1]), new Saved(in[0], in[1]));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        Backend backend = Backends.current();
        Tensor[] grads = derivative.apply(backend, g, s.a(), s.b());
        return new Tensor[] {unbroadcast(backend, grads[0], s.a()), unbroadcast(backend, grads[1], s.b())};
    }

    /** The gradient of an operand: summed over the axes it was broadcast along, as is when it was not. */
    private static Tensor unbroadcast(Backend backend, Tensor grad, Tensor operand) {
        return Arrays.equals(grad.shape(), operand.shape()) ? grad : backend.sumTo(grad, operand.shape());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
