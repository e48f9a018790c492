package org.linfgrad.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.functions.LinfDistance;
import org.linfgrad.autograd.functions.LpDistance;
import org.linfgrad.autograd.functions.MatMul;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot kernels of the bench command under JMH, per backend and size (shape "B x N x M"). Divide B N M by
 * the reported time for G elements per second (2 B N M for matmul FLOP).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmarks {
    @Param({"simd", "reference"})
    public String backend;

    @Param({"256x1024x1024", "512x784x1024"})
    public String shape;

    private Tensor x;
    private Tensor w;
    private Tensor g;
    private EdgeList all;
    private EdgeList sparse;

    @Setup
    public void setUp() {
        String[] dims = shape.split("x");
        int b = Integer.parseInt(dims[0]);
        int n = Integer.parseInt(dims[1]);
        int m = Integer.parseInt(dims[2]);
        Random rng = new Random(1);
        x = Tensor.randn(rng, b, n);
        w = Tensor.randn(rng, m, n);
        g = Tensor.randn(rng, b, m);
        all = EdgeList.full(m, n);
        boolean[] mask = new boolean[m * n];
        for (int e = 0; e < mask.length; e++) {
            mask[e] = rng.nextInt(20) == 0;
        }
        sparse = EdgeList.fromMask(mask, m, n);
        Backends.use(Backends.byName(backend));
    }

    private static Backend on() {
        return Backends.current();
    }

    private static <C> Tensor[] forwardBackward(Function<C> f, Tensor g, Tensor... inputs) {
        return f.backward(f.forward(inputs).saved(), g);
    }

    @Benchmark
    public Object linfForward() {
        return on().linfDist(x, w, all);
    }

    @Benchmark
    public Object linfForwardBackward() {
        return forwardBackward(new LinfDistance(all), g, x, w);
    }

    @Benchmark
    public Object l8ForwardBackward() {
        return forwardBackward(new LpDistance(all, 8), g, x, w);
    }

    @Benchmark
    public Object sparseLinfForward5Percent() {
        return on().linfDist(x, w, sparse);
    }

    @Benchmark
    public Object matmulForward() {
        return on().matmul(x, false, w, true);
    }

    @Benchmark
    public Object matmulForwardBackward() {
        return forwardBackward(new MatMul(false, true), g, x, w);
    }
}
