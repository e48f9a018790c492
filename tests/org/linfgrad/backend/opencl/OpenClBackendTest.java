package org.linfgrad.backend.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.BackendConformanceTest;

/**
 * The opencl kernels against the reference on the conformance shapes, on the first OpenCL device (pocl on
 * the CPU in CI). Without an OpenCL runtime the tests are skipped, with the reason, unless the environment
 * sets LINFGRAD_REQUIRE_OPENCL=1 (as .ci/run does), where a missing runtime fails them. Every test also
 * checks that no kernel fell back to simd, which would pass the comparison without testing the kernel.
 */
class OpenClBackendTest extends BackendConformanceTest {
    private static final ByteArrayOutputStream WARNINGS = new ByteArrayOutputStream();
    private static OpenClBackend opencl;

    @BeforeAll
    static void openTheFirstDevice() {
        boolean present = !OpenClDevices.list().isEmpty();
        if (System.getenv().getOrDefault("LINFGRAD_REQUIRE_OPENCL", "").equals("1")) {
            assertThat(present).as("LINFGRAD_REQUIRE_OPENCL=1 but no OpenCL device was found").isTrue();
        }
        assumeTrue(present, "no OpenCL device (install pocl-opencl-icd): the opencl kernels are not tested");
        opencl = (OpenClBackend) OpenClBackend.open("auto", new PrintStream(WARNINGS, true, StandardCharsets.UTF_8));
    }

    @Override
    public Backend candidate() {
        return opencl;
    }

    @AfterEach
    void everyKernelRanOnTheDevice() {
        assertThat(WARNINGS.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(opencl.allKernelsOnDevice()).isTrue();
    }

    @AfterAll
    static void everyKernelWasExercised() {
        if (opencl != null) {
            assertThat(opencl.kernelsOnDevice()).containsExactlyInAnyOrder("LinfForwardKernel",
                    "SparseLinfForwardKernel", "LpDistanceKernel", "SelectionBackwardKernel",
                    "OrderStatKernel", "MatMulKernel");
        }
    }
}
