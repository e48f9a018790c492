package org.linfgrad.backend;

import java.util.Locale;
import org.linfgrad.backend.opencl.OpenClBackend;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.backend.simd.SimdBackend;

/**
 * The one place that chooses the backend. The initial choice comes from the system property
 * {@value #PROPERTY} (default {@code simd}, the fastest CPU backend); {@link #use} changes it, for instance from
 * {@code --backend} and {@code --device}.
 */
public final class Backends {
    /** The system property naming the backend at start-up. */
    public static final String PROPERTY = "linfgrad.backend";
    /** The system property naming the OpenCL device at start-up (see {@code linfgrad info}). */
    public static final String DEVICE_PROPERTY = "linfgrad.device";

    private static volatile Backend current =
            byName(System.getProperty(PROPERTY, "simd"), System.getProperty(DEVICE_PROPERTY, "auto"));

    private Backends() {}

    /** The backend every operation runs on now. */
    public static Backend current() {
        return current;
    }

    /** Makes {@code backend} the current one. */
    public static void use(Backend backend) {
        current = backend;
    }

    /** The backend with the given name; opencl on its default device (a GPU when there is one). */
    public static Backend byName(String name) {
        return byName(name, "auto");
    }

    /**
     * The backend with the given name; for opencl, on the device {@code device} names (a number from
     * {@code linfgrad info}, part of a device name, or auto). Without an OpenCL device, opencl says so in one
     * line on standard error and gives the simd backend.
     */
    public static Backend byName(String name, String device) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference" -> new ReferenceBackend();
            case "simd" -> new SimdBackend();
            case "opencl" -> OpenClBackend.open(device, System.err);
            default -> throw new IllegalArgumentException("unknown backend '" + name
                    + "': choose reference, simd or opencl");
        };
    }
}
