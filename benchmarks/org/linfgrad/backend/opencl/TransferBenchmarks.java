package org.linfgrad.backend.opencl;

// OMIT FILE simd-linf-forward: it measures the OpenCL L-inf kernel, absent from that student copy

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.linfgrad.backend.ArgReduction;
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
 * What copying to the device costs the OpenCL L-infinity forward: {@code copyPerCall} copies x and w for
 * every call, as the opencl backend does; {@code resident} runs on the x and w copied once in set-up. Both copy
 * the outputs back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TransferBenchmarks {
    @Param({"256x1024x1024"})
    public String shape;

    private Launcher launcher;
    private LinfForwardKernel kernel;
    private Tensor x;
    private Tensor w;

    @Setup
    public void setUp() throws Exception {
        String[] dims = shape.split("x");
        Random rng = new Random(1);
        x = Tensor.randn(rng, Integer.parseInt(dims[0]), Integer.parseInt(dims[1]));
        w = Tensor.randn(rng, Integer.parseInt(dims[2]), Integer.parseInt(dims[1]));
        launcher = new Launcher(OpenClDevices.choose("auto"));
        kernel = launcher.prepare(new LinfForwardKernel());
        kernel.compute(launcher, x, w);
    }

    @Benchmark
    public ArgReduction copyPerCall() {
        return kernel.compute(launcher, x, w);
    }

    @Benchmark
    public ArgReduction resident() {
        return kernel.launch(launcher);
    }
}
