package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * C = op(A) op(B) for 2-D tensors, op the transpose where its flag is set. With G = dL/dC:
 * dL/dop(A) = G op(B)^T and dL/dop(B) = op(A)^T G, transposed back when the operand was transposed.
 */
public record MatMul(boolean transposeA, boolean transposeB) implements Function<MatMul.Saved> {

    /** Both operands. */
    public record Saved(Tensor a, Tensor b) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        return new Forward<>(Backends.current().matmul(in[0], transposeA, in[1], transposeB), new Saved(in[0], in[1]));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        // BEGIN SOLUTION matmul-backward
        Backend be = Backends.current();
        Tensor gradA = transposeA ? be.matmul(s.b(), transposeB, g, true) : be.matmul(g, false, s.b(), !transposeB);
        Tensor gradB = transposeB ? be.matmul(g, true, s.a(), transposeA) : be.matmul(s.a(), !transposeA, g, false);
        return new Tensor[] {gradA, gradB};
        // END SOLUTION
    }
}
