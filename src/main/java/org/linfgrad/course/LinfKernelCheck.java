package org.linfgrad.course;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.backend.simd.SimdBackend;
import org.linfgrad.tensor.Tensor;

/**
 * The dense L-inf distance forward of the fast backends (simd, and opencl when there is a device) against the
 * reference, exactly, values and argmax, on the conformance shapes (per dimension 1, 2, L-1, L, L+1, 2L+3 and
 * 73, L the vector length) with rows built to tie. When it agrees, its note is the simd kernel's speed as a
 * ratio to the reference's, measured in this run: reported, not graded.
 */
record LinfKernelCheck() implements CourseCheck {
    private static final int BENCH_BATCH = 32, BENCH_INPUTS = 784, BENCH_NEURONS = 256;

    @Override
    public String name() {
        return "linfDist of simd equals the reference";
    }

    @Override
    public boolean perBackend() {
        return false;
    }

    @Override
    public CheckResult run() {
        Backend reference = new ReferenceBackend();
        List<Backend> fast = new ArrayList<>(List.of(new SimdBackend()));
        Backend opencl = Backends.byName("opencl");
        if (opencl.name().equals("opencl")) {
            fast.add(opencl);
        }
        Random rng = new Random(15);
        for (int batch : new int[] {1, 3}) {
            for (int n : dimensions()) {
                for (int m : dimensions()) {
                    boolean ties = (n + m) % 2 == 0;
                    Tensor x = values(rng, ties, batch, n);
                    Tensor w = values(rng, ties, m, n);
                    ArgReduction want = reference.linfDist(x, w, EdgeList.full(m, n));
                    for (Backend candidate : fast) {
                        CheckResult r = compare(candidate, want, candidate.linfDist(x, w, EdgeList.full(m, n)), n, m);
                        if (r != null) {
                            return r;
                        }
                    }
                }
            }
        }
        return CheckResult.pass(name(), speed(reference, new SimdBackend()));
    }

    private static TreeSet<Integer> dimensions() {
        int l = SimdBackend.lanes();
        return new TreeSet<>(List.of(1, 2, Math.max(1, l - 1), l, l + 1, 2 * l + 3, 73));
    }

    /** Gaussian values, or small integers when {@code ties}, so that equal distances are common. */
    private static Tensor values(Random rng, boolean ties, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = ties ? rng.nextInt(5) - 2 : (float) rng.nextGaussian();
        }
        return Tensor.of(v, rows, cols);
    }

    /** Null when they agree; else the first output that differs. */
    private CheckResult compare(Backend candidate, ArgReduction want, ArgReduction got, int n, int m) {
        float[] y = want.values().data(), gy = got.values().data();
        for (int e = 0; e < y.length; e++) {
            if (Float.compare(y[e], gy[e]) != 0 || want.indices()[e] != got.indices()[e]) {
                String line = String.format(Locale.ROOT, "%s: %s linfDist, %d inputs x %d neurons, output [%d, %d]: "
                        + "%s at input %d, the reference %s at input %d", Float.isNaN(gy[e]) ? "NaN" : "wrong value",
                        candidate.name(), n, m, e / m, e % m, gy[e], got.indices()[e], y[e], want.indices()[e]);
                return CheckResult.fail(Float.isNaN(gy[e]) ? Verdict.NAN : Verdict.WRONG, line);
            }
        }
        return null;
    }

    private static String speed(Backend reference, Backend simd) {
        Random rng = new Random(1);
        Tensor x = Tensor.randn(rng, BENCH_BATCH, BENCH_INPUTS);
        Tensor w = Tensor.randn(rng, BENCH_NEURONS, BENCH_INPUTS);
        EdgeList all = EdgeList.full(BENCH_NEURONS, BENCH_INPUTS);
        double ratio = (double) fastest(reference, x, w, all) / fastest(simd, x, w, all);
        return String.format(Locale.ROOT, "speed: simd %.1fx the reference on %d x %d inputs, %d neurons", ratio,
                BENCH_BATCH, BENCH_INPUTS, BENCH_NEURONS);
    }

    private static long fastest(Backend backend, Tensor x, Tensor w, EdgeList all) {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long start = System.nanoTime();
            backend.linfDist(x, w, all);
            best = Math.min(best, System.nanoTime() - start);
        }
        return Math.max(1, best);
    }
}
