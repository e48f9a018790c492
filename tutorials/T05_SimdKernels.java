// Tutorial 05: SIMD kernels with the Vector API, against their reference twins. Run:
//     ./linfgrad tutorials/T05_SimdKernels.java
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.backend.simd.SimdBackend;
import org.linfgrad.tensor.Tensor;

static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

/** max_i |x_i - w_i|, one element at a time: the reference. */
float maxAbsDifference(float[] x, float[] w) {
    float best = 0;
    for (int i = 0; i < x.length; i++) {
        best = Math.max(best, Math.abs(x[i] - w[i]));
    }
    return best;
}

/** The same with the Vector API: a main loop over whole vectors, a lane-wise running max, then a scalar tail. */
float maxAbsDifferenceSimd(float[] x, float[] w) {
    FloatVector best = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < SPECIES.loopBound(x.length); i += SPECIES.length()) {
        FloatVector z = FloatVector.fromArray(SPECIES, x, i).sub(FloatVector.fromArray(SPECIES, w, i));
        best = best.max(z.abs());
    }
    float result = best.reduceLanes(VectorOperators.MAX);
    for (; i < x.length; i++) {
        result = Math.max(result, Math.abs(x[i] - w[i]));
    }
    return result;
}

/** The best of 5 timings of a task, in milliseconds. */
double millis(Runnable task) {
    double best = Double.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
        long start = System.nanoTime();
        task.run();
        best = Math.min(best, (System.nanoTime() - start) / 1e6);
    }
    return best;
}

void main() {
    Random rng = new Random(5);
    IO.println("this CPU's preferred species: " + SPECIES + " (" + SPECIES.length() + " float lanes)");

    // 1. One row: the two versions agree exactly (max is exact in any order), including the tail.
    float[] x = Tensor.randn(rng, 1, 1000).data();
    float[] w = Tensor.randn(rng, 1, 1000).data();
    IO.println("scalar " + maxAbsDifference(x, w) + ", vector " + maxAbsDifferenceSimd(x, w));

    // 2. The real kernels: the simd backend's L-inf distance against the reference, B x N x M = 64 x 512 x 256.
    Tensor xs = Tensor.randn(rng, 64, 512);
    Tensor ws = Tensor.randn(rng, 256, 512);
    EdgeList all = EdgeList.full(256, 512);
    Backend reference = new ReferenceBackend();
    Backend simd = new SimdBackend();
    ArgReduction want = reference.linfDist(xs, ws, all);
    ArgReduction got = simd.linfDist(xs, ws, all);
    boolean same = got.values().equals(want.values()) && java.util.Arrays.equals(got.indices(), want.indices());
    IO.println("simd L-inf distance equals the reference (values and argmax): " + same);
    double referenceMs = millis(() -> reference.linfDist(xs, ws, all));
    double simdMs = millis(() -> simd.linfDist(xs, ws, all));
    IO.println(String.format("reference %.2f ms, simd %.2f ms: %.1fx (one small run; ./linfgrad bench for "
            + "real figures)", referenceMs, simdMs, referenceMs / simdMs));
    if (!same || maxAbsDifference(x, w) != maxAbsDifferenceSimd(x, w)) {
        throw new AssertionError("a SIMD kernel must equal its reference twin");
    }
}
