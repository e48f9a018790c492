// Tutorial 01: tensors and the tape. Run from the project root:
//     ./linfgrad tutorials/T01_TensorsAndTape.java
import java.util.Random;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/** The loss of the two-layer net, L = sum(tanh(x W1) W2), computed outside any tape: nothing is recorded. */
double loss(Tensor x, Tensor w1, Tensor w2) {
    return Var.constant(x).matmul(Var.constant(w1)).tanh().matmul(Var.constant(w2)).sum().value().item();
}

void main() {
    Random rng = new Random(1);
    Tensor x = Tensor.randn(rng, 4, 3);          // a batch of 4 inputs with 3 features
    Var w1 = Var.param(Tensor.randn(rng, 3, 5)); // parameters: Vars that want a gradient
    Var w2 = Var.param(Tensor.randn(rng, 5, 1));

    // 1. Forward inside a tape: every operation is appended to it, in execution order.
    try (Tape tape = Tape.open()) {
        Var loss = Var.constant(x).matmul(w1).tanh().matmul(w2).sum();
        IO.println("loss " + loss.value().item() + ", recorded on " + tape);
        // 2. Backward walks the tape once in reverse and leaves dL/dW in every parameter.
        tape.backward(loss);
    }
    IO.println("dL/dW1 =\n" + w1.grad());

    // 3. The same gradient by central differences, one element of W1 at a time.
    float h = 1e-2f;
    double worst = 0;
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 5; j++) {
            Tensor up = w1.value().copy();
            Tensor down = w1.value().copy();
            up.set(up.get(i, j) + h, i, j);
            down.set(down.get(i, j) - h, i, j);
            double numeric = (loss(x, up, w2.value()) - loss(x, down, w2.value())) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - w1.grad().get(i, j)));
        }
    }
    IO.println("largest |tape - finite difference| over dL/dW1: " + String.format("%.2e", worst));
    if (worst > 1e-3) {
        throw new AssertionError("the tape's gradient disagrees with finite differences");
    }
}
