package org.linfgrad.backend.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.cli.Main;

/** The two ways the opencl backend gives work back to simd, each said in one line. */
class OpenClFallbackTest {

    /** Aparapi cannot translate Float.floatToIntBits (it calls isNaN), so this kernel never reaches a device. */
    static final class UntranslatableKernel extends Kernel {
        private final float[] values = {1.5f};
        private final int[] bits = new int[1];

        @Override
        public void run() {
            bits[0] = Float.floatToIntBits(values[0]);
        }
    }

    @Test
    void aKernelThatCannotBeTranslatedIsReportedOnceAndRunsOnSimd() {
        assumeTrue(!OpenClDevices.list().isEmpty(), "no OpenCL device (install pocl-opencl-icd)");
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        OpenClBackend backend = (OpenClBackend) OpenClBackend.open("auto",
                new PrintStream(warnings, true, StandardCharsets.UTF_8));
        for (int call = 0; call < 2; call++) {
            String result = backend.onDevice(UntranslatableKernel.class, UntranslatableKernel::new,
                    kernel -> "device", () -> "simd");
            assertThat(result).isEqualTo("simd");
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("UntranslatableKernel could not be translated to OpenCL")
                .endsWith("runs on simd from now on");
        assertThat(backend.allKernelsOnDevice()).isFalse();
    }

    /** A child JVM whose OpenCL loader finds no vendor library: one line on stderr, and simd does the work. */
    @Test
    void withoutAnOpenClRuntimeOneLineSaysSimdIsUsed(@TempDir Path noVendors) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder child = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "info", "--backend", "opencl");
        child.environment().put("OCL_ICD_VENDORS", noVendors.toString());
        Path stderr = Files.createTempFile(noVendors, "stderr", ".txt");
        Process process = child.redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        List<String> errors = Files.readAllLines(stderr).stream().filter(l -> l.startsWith("linfgrad")).toList();
        assertThat(errors).containsExactly("linfgrad: no OpenCL device found (install a GPU driver, or "
                + "pocl-opencl-icd for the CPU); using the simd backend");
        assertThat(stdout).contains("backend   simd").contains("opencl    no devices");
    }
}
