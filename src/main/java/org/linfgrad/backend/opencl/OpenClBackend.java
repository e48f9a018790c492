package org.linfgrad.backend.opencl;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.DistanceShapes;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.MatMulShapes;
import org.linfgrad.backend.simd.SimdBackend;
import org.linfgrad.tensor.Tensor;

/**
 * The GPU backend: Aparapi kernels on one OpenCL device for L-infinity distance (dense and sparse), its
 * backward and that of the order statistics (a selection scatter), dense L-p distance forward and backward,
 * hard order statistics and matmul; everything else runs on {@link SimdBackend}. Each call copies its inputs
 * to the device and its outputs back. A kernel that cannot be translated, or that Aparapi runs off the device,
 * is reported once on the warning stream and from then on runs on simd.
 */
public final class OpenClBackend extends SimdBackend {
    private final Launcher launcher;
    private final PrintStream warnings;
    private final Map<Class<? extends Kernel>, Kernel> ready = new HashMap<>();
    private final Set<Class<? extends Kernel>> failed = new HashSet<>();

    private OpenClBackend(OpenCLDevice device, PrintStream warnings) {
        this.launcher = new Launcher(device);
        this.warnings = warnings;
    }

    /**
     * The opencl backend on the device {@code selector} names (see {@link OpenClDevices#choose}); when there is
     * no OpenCL device, one line on {@code warnings} says so and the simd backend is returned instead.
     *
     * @throws IllegalArgumentException when devices exist but the selector names none of them
     */
    public static Backend open(String selector, PrintStream warnings) {
        if (OpenClDevices.list().isEmpty()) {
            warnings.println("linfgrad: no OpenCL device found (install a GPU driver, or pocl-opencl-icd for the "
                    + "CPU); using the simd backend");
            return new SimdBackend();
        }
        return new OpenClBackend(OpenClDevices.choose(selector), warnings);
    }

    @Override
    public String name() {
        return "opencl";
    }

    /** Whether every kernel used so far has run on the device (none has been reported and moved to simd). */
    public synchronized boolean allKernelsOnDevice() {
        return failed.isEmpty();
    }

    /** The simple class names of the kernels that have run on the device so far. */
    public synchronized Set<String> kernelsOnDevice() {
        return ready.keySet().stream().map(Class::getSimpleName).collect(Collectors.toSet());
    }

    // BEGIN OMIT simd-linf-forward
    @Override
    public synchronized ArgReduction linfDist(Tensor x, Tensor w, EdgeList kept) {
        int[] d = DistanceShapes.check("linfDist", x, w, kept);
        if (isEmpty(d)) {
            return super.linfDist(x, w, kept);
        }
        if (kept.isFull()) {
            return onDevice(LinfForwardKernel.class, LinfForwardKernel::new,
                    k -> k.compute(launcher, x, w), () -> super.linfDist(x, w, kept));
        }
        return onDevice(SparseLinfForwardKernel.class, SparseLinfForwardKernel::new,
                k -> k.compute(launcher, x, w, kept), () -> super.linfDist(x, w, kept));
    }
    // END OMIT

    @Override
    public synchronized Tensor lpDist(Tensor x, Tensor w, EdgeList kept, float p) {
        int[] d = DistanceShapes.check("lpDist", x, w, kept);
        if (isEmpty(d) || !kept.isFull()) {
            return super.lpDist(x, w, kept, p);
        }
        return onDevice(LpDistanceKernel.class, LpDistanceKernel::new,
                k -> k.forward(launcher, x, w, p), () -> super.lpDist(x, w, kept, p));
    }

    // BEGIN OMIT lp-backward
    @Override
    public synchronized Tensor[] lpDistBackward(Tensor g, Tensor x, Tensor w, EdgeList kept, Tensor y, float p) {
        int[] d = DistanceShapes.check("lpDistBackward", x, w, kept);
        if (isEmpty(d) || !kept.isFull()) {
            return super.lpDistBackward(g, x, w, kept, y, p);
        }
        return onDevice(LpDistanceKernel.class, LpDistanceKernel::new,
                k -> k.backward(launcher, g, x, w, y, p), () -> super.lpDistBackward(g, x, w, kept, y, p));
    }
    // END OMIT

    // BEGIN OMIT order-statistic-backward
    @Override
    public synchronized Tensor[] selectionBackward(Tensor coefficient, int[] index, int inputs) {
        if (coefficient.rank() != 2 || coefficient.size() == 0 || inputs == 0) {
            return super.selectionBackward(coefficient, index, inputs);
        }
        return onDevice(SelectionBackwardKernel.class, SelectionBackwardKernel::new,
                k -> k.compute(launcher, coefficient, index, inputs),
                () -> super.selectionBackward(coefficient, index, inputs));
    }
    // END OMIT

    @Override
    public synchronized ArgReduction orderStat(Tensor x, Tensor w, int[] k) {
        int[] d = DistanceShapes.check("orderStat", x, w);
        if (isEmpty(d) || k.length != d[2] || Arrays.stream(k).anyMatch(r -> r < 1 || r > d[1])) {
            return super.orderStat(x, w, k); // the simd backend names the bad rank
        }
        return onDevice(OrderStatKernel.class, OrderStatKernel::new,
                kernel -> kernel.compute(launcher, x, w, k), () -> super.orderStat(x, w, k));
    }

    @Override
    public synchronized Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        int[] nkm = MatMulShapes.check(a, transposeA, b, transposeB);
        if (isEmpty(nkm)) {
            return super.matmul(a, transposeA, b, transposeB);
        }
        return onDevice(MatMulKernel.class, MatMulKernel::new,
                k -> k.compute(launcher, a, transposeA, b, transposeB, nkm),
                () -> super.matmul(a, transposeA, b, transposeB));
    }

    /** What a kernel computes from its host-side arguments. */
    interface KernelCall<K, R> {
        R apply(K kernel);
    }

    /**
     * Runs {@code call} on the kernel of the given class, translating it on first use; when translation or
     * the device fails, reports it once and runs {@code onSimd} now and for every later call.
     */
    <K extends Kernel, R> R onDevice(Class<K> type, Supplier<K> create, KernelCall<K, R> call, Supplier<R> onSimd) {
        if (failed.contains(type)) {
            return onSimd.get();
        }
        if (!ready.containsKey(type)) {
            try {
                ready.put(type, launcher.prepare(create.get()));
            } catch (CompileFailedException | RuntimeException e) {
                return fallBack(type, "could not be translated to OpenCL: " + e.getMessage(), onSimd);
            }
        }
        try {
            return call.apply(type.cast(ready.get(type)));
        } catch (Launcher.KernelFallbackException | com.aparapi.exception.AparapiKernelFailedException e) {
            return fallBack(type, "failed on " + OpenClDevices.describe(launcher.device()) + ": " + e.getMessage(),
                    onSimd);
        }
    }

    private <R> R fallBack(Class<? extends Kernel> type, String why, Supplier<R> onSimd) {
        ready.remove(type);
        failed.add(type);
        warnings.println("linfgrad: OpenCL kernel " + type.getSimpleName() + " " + why
                + "; it runs on simd from now on");
        return onSimd.get();
    }

    private static boolean isEmpty(int[] extents) {
        for (int e : extents) {
            if (e == 0) {
                return true;
            }
        }
        return false;
    }
}
