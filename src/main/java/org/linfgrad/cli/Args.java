package org.linfgrad.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} flags and plain arguments. Commands read the flags and arguments they know;
 * {@link #requireAllUsed} then rejects anything nobody read, so a typo is an error instead of a silently
 * ignored setting.
 */
final class Args {
    private final Map<String, String> flags;
    private final List<String> arguments;
    private final Set<String> used = new HashSet<>();
    private int argumentsRead;

    private Args(Map<String, String> flags, List<String> arguments) {
        this.flags = flags;
        this.arguments = arguments;
    }

    static Args parse(String[] argv) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                arguments.add(a);
                continue;
            }
            if (a.length() == 2) {
                throw new UsageException("expected a flag like --name value, got '" + a + "'");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                flags.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                flags.put(name, argv[++i]);
            } else {
                flags.put(name, "true");
            }
        }
        return new Args(flags, arguments);
    }

    /** The next plain (non-flag) argument; {@code what} names it in the error when it is missing. */
    String argument(String what) {
        if (argumentsRead >= arguments.size()) {
            throw new UsageException("missing " + what);
        }
        return arguments.get(argumentsRead++);
    }

    String string(String name, String fallback) {
        used.add(name);
        return flags.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    double number(String name, double fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a finite number, got '" + v + "'");
        }
    }

    /** Rejects flags that no one read. */
    void requireAllUsed() {
        if (argumentsRead < arguments.size()) {
            throw new UsageException("unexpected argument '" + arguments.get(argumentsRead)
                    + "' (flags look like --name value)");
        }
        for (String name : flags.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown flag --" + name);
            }
        }
    }
}
