package org.linfgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's entry point ({@code java -jar linfgrad.jar COMMAND ...}): runs {@link Main} when the JVM has the
 * Vector API module, else starts the same JVM again with {@value #VECTOR_FLAG} and
 * {@value #NATIVE_ACCESS_FLAG} added (keeping the caller's JVM options and class path) and exits with its
 * status. When that JVM cannot be started it prints one line naming the flags to add and exits with 1. It
 * touches no class of linfgrad's backends before the module is there, so it loads even when it is missing.
 */
public final class JarLauncher {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String VECTOR_FLAG = "--add-modules=" + VECTOR_MODULE;
    static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";
    /** By name, so that starting this class loads nothing else of linfgrad. */
    private static final String MAIN = "org.linfgrad.cli.Main";

    private JarLauncher() {}

    public static void main(String[] args) throws InterruptedException {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            Main.main(args);
            return;
        }
        List<String> command = relaunch(args);
        try {
            System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
        } catch (IOException e) {
            System.err.println("linfgrad: the JVM lacks the Vector API module and could not be restarted with it ("
                    + e.getMessage() + "); run java " + VECTOR_FLAG + " " + NATIVE_ACCESS_FLAG + " -jar linfgrad.jar");
            System.exit(1);
        }
    }

    /** This JVM's command again, with the two flags, the caller's JVM options and class path, then Main. */
    static List<String> relaunch(String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(VECTOR_FLAG);
        command.add(NATIVE_ACCESS_FLAG);
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(List.of(args));
        return command;
    }
}
