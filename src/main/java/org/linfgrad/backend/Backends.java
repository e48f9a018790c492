package org.linfgrad.backend;

import java.util.Locale;
import org.linfgrad.backend.opencl.OpenClBackend;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.backend.simd.SimdBackend;

/**
 * The one place that chooses the backend. The initial choice comes from the system property
 * {@value #PROPERTY} (default {@code simd}, the fastest CPU backend, when the JVM has the Vector API module,
 * else {@code reference}); {@link #use} changes it, for instance from {@code --backend} and {@code --device}.
 */
public final class Backends {
    /** The system property naming the backend at start-up. */
    public static final String PROPERTY = "linfgrad.backend";
    /** The system property naming the OpenCL device at start-up (see {@code linfgrad info}). */
    public static final String DEVICE_PROPERTY = "linfgrad.device";
    /** A class file of Aparapi's, looked for on the class path. */
    private static final String APARAPI_KERNEL = "com/aparapi/Kernel.class";

    /** The JDK module the simd backend (and opencl, which builds on it) needs. */
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static volatile Backend current =
            byName(System.getProperty(PROPERTY, defaultName()), System.getProperty(DEVICE_PROPERTY, "auto"));

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
     * {@code linfgrad info}, part of a device name, or auto). Without Aparapi on the class path or without an
     * OpenCL device, opencl says so in one line on standard error and gives the simd backend; no Aparapi class is
     * loaded unless opencl is asked for and Aparapi is there.
     */
    public static Backend byName(String name, String device) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference" -> new ReferenceBackend();
            case "simd" -> {
                requireVectorModule(name);
                yield new SimdBackend();
            }
            case "opencl" -> {
                requireVectorModule(name);
                yield aparapiPresent() ? OpenClBackend.open(device, System.err) : withoutAparapi();
            }
            default -> throw new IllegalArgumentException("unknown backend '" + name
                    + "': choose reference, simd or opencl");
        };
    }

    /**
     * simd when the JVM has the Vector API module; else reference, with one line on standard error saying what
     * to add (a program that uses linfgrad as a library and was started without the flag still runs).
     */
    private static String defaultName() {
        if (vectorModulePresent()) {
            return "simd";
        }
        System.err.println("linfgrad: using the reference backend; run java with --add-modules " + VECTOR_MODULE
                + " for the faster simd backend");
        return "reference";
    }

    private static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static void requireVectorModule(String backend) {
        if (!vectorModulePresent()) {
            throw new IllegalArgumentException("the " + backend + " backend needs the Vector API: run java with "
                    + "--add-modules " + VECTOR_MODULE + " (or use --backend reference)");
        }
    }

    /**
     * Whether Aparapi, which the opencl backend needs, is on the class path; it is an optional dependency, looked
     * up as a resource so that asking loads none of its classes.
     */
    public static boolean aparapiPresent() {
        return Backends.class.getClassLoader().getResource(APARAPI_KERNEL) != null;
    }

    private static Backend withoutAparapi() {
        System.err.println("linfgrad: the opencl backend needs Aparapi (com.aparapi:aparapi 3.0.2) on the class path; "
                + "using the simd backend");
        return new SimdBackend();
    }
}
