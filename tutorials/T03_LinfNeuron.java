// Tutorial 03: the L-infinity distance neuron, its Lipschitz bound, and the L-p relaxation. Run:
//     ./linfgrad tutorials/T03_LinfNeuron.java
import java.util.Random;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.nn.LinfDist;
import org.linfgrad.nn.Sequential;
import org.linfgrad.tensor.Tensor;

/** max_i |a_i - b_i| over all elements. */
double linfDistance(Tensor a, Tensor b) {
    double d = 0;
    for (int e = 0; e < a.size(); e++) {
        d = Math.max(d, Math.abs(a.data()[e] - b.data()[e]));
    }
    return d;
}

void main() {
    Random rng = new Random(3);
    int inputs = 20;
    // Three layers of 32, 32 and 10 distance neurons: y_j = max_i |x_i - w_ji| + b_j.
    Sequential net = new Sequential(new LinfDist(inputs, 32, false, rng), new LinfDist(32, 32, false, rng),
            new LinfDist(32, 10, true, rng));

    // 1. Lipschitz: ||f(x) - f(x')||_inf <= ||x - x'||_inf for every pair, measured on random pairs.
    double worstRatio = 0;
    for (int trial = 0; trial < 200; trial++) {
        Tensor x = Tensor.randn(rng, 1, inputs);
        Tensor moved = x.copy();
        double size = 0.1 + 0.4 * rng.nextDouble();
        for (int i = 0; i < inputs; i++) {
            moved.data()[i] += (float) (size * (2 * rng.nextDouble() - 1));
        }
        Tensor fx = net.forward(Var.constant(x)).value();
        Tensor fm = net.forward(Var.constant(moved)).value();
        worstRatio = Math.max(worstRatio, linfDistance(fx, fm) / linfDistance(x, moved));
    }
    IO.print(String.format("largest ||f(x) - f(x')|| / ||x - x'|| over 200 random pairs: %.6f "
            + "(the bound is 1, up to float rounding)%n", worstRatio));

    // 2. The relaxation: (sum_i |x_i - w_i|^p)^(1/p) decreases to max_i |x_i - w_i| as p grows.
    LinfDist neuron = new LinfDist(inputs, 1, false, rng);
    Var x = Var.param(Tensor.randn(rng, 1, inputs));
    double exact = neuron.forward(x).value().item();
    IO.print(String.format("%8s %12s %26s%n", "p", "y", "inputs with a gradient"));
    for (double p : new double[] {1, 2, 8, 32, 128, Double.POSITIVE_INFINITY}) {
        neuron.setP(p);
        x.zeroGrad();
        double y;
        try (Tape tape = Tape.open()) {
            Var out = neuron.forward(x);
            y = out.value().item();
            tape.backward(out);
        }
        int nonZero = 0;
        for (float g : x.grad().data()) {
            nonZero += Math.abs(g) > 1e-6 ? 1 : 0;
        }
        IO.print(String.format("%8s %12.5f %26d%n", Double.isInfinite(p) ? "inf" : (int) p, y, nonZero));
    }
    IO.print(String.format("L-inf distance: %.5f%n", exact));
    if (worstRatio > 1 + 1e-5) { // float32 rounds each |x_i - w_i| to 6e-8 relative
        throw new AssertionError("a stack of distance layers should be 1-Lipschitz");
    }
}
