package org.linfgrad.cli;

import java.io.PrintStream;
import java.util.List;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.opencl.OpenClDevices;
import org.linfgrad.backend.simd.SimdBackend;

/** {@code linfgrad info}: the JVM, the CPU's vector width, the current backend and the OpenCL devices. */
final class InfoCommand implements Command {

    @Override
    public String summary() {
        return "show the Java runtime, the SIMD width, the backend and the OpenCL devices (for --device)";
    }

    @Override
    public int run(Args args, PrintStream out) {
        args.requireAllUsed();
        out.printf("java      %s (%s), %d cores%n", Runtime.version(), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors());
        out.printf("simd      %d float lanes per vector%n", SimdBackend.lanes());
        out.printf("backend   %s%n", Backends.current().name());
        if (!Backends.aparapiPresent()) {
            out.println("opencl    unavailable: Aparapi (com.aparapi:aparapi 3.0.2) is not on the class path");
            return 0;
        }
        List<String> devices = OpenClDevices.descriptions();
        if (devices.isEmpty()) {
            out.println("opencl    no devices (install a GPU driver, or pocl-opencl-icd for the CPU)");
            return 0;
        }
        out.println("opencl    devices (--device N; auto takes the first):");
        for (int d = 0; d < devices.size(); d++) {
            out.printf("  %d  %s%n", d, devices.get(d));
        }
        return 0;
    }
}
