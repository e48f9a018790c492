// Tutorial 06: GPU kernels with Aparapi (OpenCL). Run:
//     ./linfgrad tutorials/T06_GpuKernels.java
// Needs an OpenCL runtime: a GPU driver, or pocl-opencl-icd for the CPU (sudo apt-get install pocl-opencl-icd).
import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.opencl.OpenClDevices;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.tensor.Tensor;

/**
 * distance[j] = max_i |x[i] - w[j * n + i]|, one work item per neuron j. Aparapi translates the bytecode of
 * run() to OpenCL C: only primitives and 1-D arrays of them, no objects, no allocation, no lambdas.
 */
class NeuronDistances extends Kernel {
    float[] x;
    float[] w;
    float[] distance;
    int n;

    @Override
    public void run() {
        int j = getGlobalId();
        float best = 0;
        for (int i = 0; i < n; i++) {
            best = max(best, abs(x[i] - w[j * n + i]));
        }
        distance[j] = best;
    }
}

void main() {
    List<String> devices = OpenClDevices.descriptions();
    if (devices.isEmpty()) {
        IO.println("no OpenCL device: install a GPU driver or pocl-opencl-icd; linfgrad would run on simd");
        return;
    }
    devices.forEach(d -> IO.println("OpenCL device: " + d));
    OpenCLDevice device = OpenClDevices.choose("auto"); // a GPU when there is one

    // 1. Our own kernel, pinned to the device. Aparapi would quietly run it on Java threads if translation
    //    failed, so ask where it ran.
    Random rng = new Random(6);
    NeuronDistances kernel = new NeuronDistances();
    kernel.n = 64;
    kernel.x = Tensor.randn(rng, 64).data();
    kernel.w = Tensor.randn(rng, 100, 64).data();
    kernel.distance = new float[100];
    KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
    kernel.execute(device.createRange(100));
    IO.println("our kernel ran on OpenCL: " + kernel.isRunningCL() + "; distance[0] = " + kernel.distance[0]);

    // 2. linfgrad's opencl backend against the reference: the same L-inf distances and argmax.
    Backend opencl = Backends.byName("opencl", "auto");
    Tensor x = Tensor.randn(rng, 32, 200);
    Tensor w = Tensor.randn(rng, 100, 200);
    ArgReduction want = new ReferenceBackend().linfDist(x, w, EdgeList.full(100, 200));
    ArgReduction got = opencl.linfDist(x, w, EdgeList.full(100, 200));
    boolean same = got.values().equals(want.values()) && java.util.Arrays.equals(got.indices(), want.indices());
    IO.println("opencl backend equals the reference: " + same);
    float expected = new ReferenceBackend().linfDist(Tensor.of(kernel.x, 1, 64), Tensor.of(kernel.w, 100, 64),
            EdgeList.full(100, 64)).values().data()[0];
    if (!kernel.isRunningCL() || !same || kernel.distance[0] != expected) {
        throw new AssertionError("the kernels should run on the device and agree with the reference");
    }
}
