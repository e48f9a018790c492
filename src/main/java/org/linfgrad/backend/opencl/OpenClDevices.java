package org.linfgrad.backend.opencl;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenCL devices Aparapi sees, in the order {@code linfgrad info} numbers them (GPUs, then accelerators,
 * then CPUs), and the choice among them for {@code --device}.
 */
public final class OpenClDevices {
    /** Aparapi logs every fallback and parser note as a warning; linfgrad reports its own single line instead. */
    private static final Logger APARAPI_LOG = Logger.getLogger("com.aparapi");

    static {
        System.setProperty("com.aparapi.logLevel", "OFF"); // read once, when Aparapi's Config is initialised
        APARAPI_LOG.setLevel(Level.OFF);
    }

    private OpenClDevices() {}

    /** Every OpenCL device, GPUs first; empty when no OpenCL runtime (ICD) is installed or loadable. */
    public static List<OpenCLDevice> list() {
        List<OpenCLDevice> devices = new ArrayList<>();
        try {
            for (Device.TYPE type : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU}) {
                devices.addAll(OpenCLDevice.listDevices(type));
            }
        } catch (RuntimeException | LinkageError e) {
            return List.of(); // Aparapi's native library or the OpenCL loader is missing: no devices
        }
        return devices;
    }

    /**
     * The device a selector names: {@code auto} (or null) is the first of {@link #list()}, so a GPU when there is
     * one; a number is a position in that list; any other text is matched against the device names.
     *
     * @throws IllegalArgumentException when no OpenCL device exists or none matches, naming what to do
     */
    public static OpenCLDevice choose(String selector) {
        List<OpenCLDevice> devices = list();
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no OpenCL device found (install an OpenCL runtime: a GPU driver, "
                    + "or pocl-opencl-icd for the CPU)");
        }
        if (selector == null || selector.equals("auto")) {
            return devices.getFirst();
        }
        if (selector.matches("\\d+")) {
            int index = Integer.parseInt(selector);
            if (index >= devices.size()) {
                throw new IllegalArgumentException("--device " + index + ": there are " + devices.size()
                        + " OpenCL devices, numbered from 0 (linfgrad info lists them)");
            }
            return devices.get(index);
        }
        String wanted = selector.toLowerCase(Locale.ROOT);
        return devices.stream()
                .filter(d -> describe(d).toLowerCase(Locale.ROOT).contains(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--device '" + selector
                        + "' matches no OpenCL device (linfgrad info lists them)"));
    }

    /** {@link #describe} of every device, in the order of {@link #list()}. */
    public static List<String> descriptions() {
        return list().stream().map(OpenClDevices::describe).toList();
    }

    /** One line: type, name, platform, compute units and memory. */
    public static String describe(OpenCLDevice device) {
        return String.format(Locale.ROOT, "%s %s (%s), %d compute units, %d MiB, local %d KiB",
                device.getType(), device.getName().strip(), device.getOpenCLPlatform().getName().strip(),
                device.getMaxComputeUnits(), device.getGlobalMemSize() >> 20, device.getLocalMemSize() >> 10);
    }
}
