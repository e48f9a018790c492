// Tutorial 02: writing a Function, and checking its backward. Run from the project root:
//     ./linfgrad tutorials/T02_WritingAFunction.java
import java.util.Random;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.Unary;
import org.linfgrad.tensor.Tensor;

/**
 * softplus(x) = log(1 + exp(x)), elementwise; d softplus / dx = sigmoid(x), so dL/dx = g * sigmoid(x).
 * The forward saves x, the only thing the backward needs: that is the saved context, here the Tensor itself.
 */
record Softplus() implements Function<Tensor> {
    @Override
    public Forward<Tensor> forward(Tensor... in) {
        Backend be = Backends.current();
        Tensor onePlusExp = be.zip(Binary.ADD, be.map(Unary.EXP, in[0]), Tensor.scalar(1));
        return new Forward<>(be.map(Unary.LOG, onePlusExp), in[0]);
    }

    @Override
    public Tensor[] backward(Tensor x, Tensor g) {
        Backend be = Backends.current();
        return new Tensor[] {be.zip(Binary.MUL, g, be.map(Unary.SIGMOID, x))};
    }
}

/** The same function with a planted bug: the backward forgets the factor g from upstream. */
record BrokenSoftplus() implements Function<Tensor> {
    @Override
    public Forward<Tensor> forward(Tensor... in) {
        return new Softplus().forward(in);
    }

    @Override
    public Tensor[] backward(Tensor x, Tensor g) {
        return new Tensor[] {Backends.current().map(Unary.SIGMOID, x)};
    }
}

void main() {
    Tensor x = Tensor.randn(new Random(2), 3, 4);
    Var y = Var.apply(new Softplus(), Var.param(x)); // how every operation of linfgrad is applied
    IO.println("softplus(x) =\n" + y.value());

    GradCheck.Report good = GradCheck.check(new Softplus(), x);
    GradCheck.Report broken = GradCheck.check(new BrokenSoftplus(), x);
    IO.println(good.describe());
    IO.println(broken.describe());
    if (!good.passed() || broken.passed()) {
        throw new AssertionError("the gradient check should pass Softplus and catch BrokenSoftplus");
    }
}
