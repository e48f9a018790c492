package org.linfgrad.backend;

import java.util.Locale;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.backend.simd.SimdBackend;

/**
 * The one place that chooses the backend. The initial choice comes from the system property
 * {@value #PROPERTY} (default {@code simd}, the fastest CPU backend); {@link #use} changes it, for instance from {@code --backend}.
 */
public final class Backends {
    /** The system property naming the backend at start-up. */
    public static final String PROPERTY = "linfgrad.backend";

    private static volatile Backend current = byName(System.getProperty(PROPERTY, "simd"));

    private Backends() {}

    /** The backend every operation runs on now. */
    public static Backend current() {
        return current;
    }

    /** Makes {@code backend} the current one. */
    public static void use(Backend backend) {
        current = backend;
    }

    /** The backend with the given name. */
    public static Backend byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference" -> new ReferenceBackend();
            case "simd" -> new SimdBackend();
            default -> throw new IllegalArgumentException("unknown backend '" + name + "': choose reference or simd");
        };
    }
}
