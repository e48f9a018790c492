package org.linfgrad.cli;

import java.io.PrintStream;
import java.util.List;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.opencl.OpenClDevices;
import org.linfgrad.backend.simd.SimdBackend;
import picocli.CommandLine.Command;

/** {@code linfgrad info}: the JVM, the CPU's vector width, the current backend and the OpenCL devices. */
@Command(name = "info", description = "Show the Java runtime, the SIMD width, the backend and the OpenCL devices "
        + "(numbered for --device).")
final class InfoCommand implements Subcommand {

    @Override
    public int run(PrintStream out) {
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
