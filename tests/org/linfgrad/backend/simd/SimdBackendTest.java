package org.linfgrad.backend.simd;

import org.linfgrad.backend.Backend;
import org.linfgrad.backend.BackendConformanceTest;

/** The simd backend against the reference on the conformance shapes. */
class SimdBackendTest extends BackendConformanceTest {
    private final SimdBackend simd = new SimdBackend();

    @Override
    public Backend candidate() {
        return simd;
    }
}
