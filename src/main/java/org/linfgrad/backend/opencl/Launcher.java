package org.linfgrad.backend.opencl;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Runs Aparapi kernels on one OpenCL device. Aparapi quietly falls back to running a kernel's Java code on a
 * thread pool when translation or the device fails; the launcher compiles every kernel up front and treats a
 * run that did not happen on the device as a failure, so that such a fallback is always reported.
 */
final class Launcher {
    private final OpenCLDevice device;

    Launcher(OpenCLDevice device) {
        this.device = device;
    }

    OpenCLDevice device() {
        return device;
    }

    /** Binds a kernel to the device, in explicit transfer mode, and translates it to OpenCL now. */
    <K extends Kernel> K prepare(K kernel) throws CompileFailedException {
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
        kernel.setExplicit(true);
        kernel.compile(device);
        return kernel;
    }

    /** A one-dimensional range of {@code size} work items. */
    Range range(int size) {
        return device.createRange(Math.max(size, 1));
    }

    /** A two-dimensional range: {@code width} work items along dimension 0, {@code height} along 1. */
    Range range(int width, int height) {
        return device.createRange2D(Math.max(width, 1), Math.max(height, 1));
    }

    /** A two-dimensional range padded up to whole {@code tile} x {@code tile} work groups. */
    Range tiled(int width, int height, int tile) {
        return device.createRange2D(roundUp(width, tile), roundUp(height, tile), tile, tile);
    }

    /** Runs the kernel over the range; throws when Aparapi ran it anywhere but on the device. */
    void execute(Kernel kernel, Range range) {
        kernel.execute(range);
        if (!kernel.isRunningCL()) {
            throw new KernelFallbackException(kernel.getClass().getSimpleName()
                    + " did not run on the OpenCL device (Aparapi fell back to Java threads)");
        }
    }

    private static int roundUp(int size, int tile) {
        return Math.max(tile, (size + tile - 1) / tile * tile);
    }

    /** A kernel that Aparapi ran off the device. */
    static final class KernelFallbackException extends RuntimeException {
        KernelFallbackException(String message) {
            super(message);
        }
    }
}
