package org.linfgrad.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} flags, {@code --name} switches and plain arguments. A flag takes the next word
 * as its value unless that word starts with {@code --} ({@code --name=value} gives any value, one starting
 * with {@code --} included). What is refused, each with one line naming the flag:
 * <ul>
 *   <li>a flag given twice (the last one would silently win);</li>
 *   <li>a flag read as a value ({@link #string}) but given without one, or with an empty one;</li>
 *   <li>a switch ({@link #isSet}, such as {@code --resume}) given a value: a switch is on when present, so
 *   {@code --resume yes} and {@code --resume false} are refused rather than guessed at;</li>
 *   <li>through {@link #requireAllUsed}, a flag or argument no command read, so a typo is an error instead of
 *   a silently ignored setting.</li>
 * </ul>
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

    /** Splits argv into flags (a null value where none was given) and plain arguments. */
    static Args parse(String[] argv) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                arguments.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = a.substring(2, eq >= 0 ? eq : a.length());
            if (name.isEmpty()) {
                throw new UsageException("expected a flag like --name value, got '" + a + "'");
            }
            String value = eq >= 0 ? a.substring(eq + 1)
                    : i + 1 < argv.length && !argv[i + 1].startsWith("--") ? argv[++i] : null;
            if (flags.containsKey(name)) {
                throw new UsageException("--" + name + " is given twice; give it once");
            }
            flags.put(name, value);
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

    /** The value of {@code --name}, or {@code fallback} when the flag is absent. */
    String string(String name, String fallback) {
        used.add(name);
        if (!flags.containsKey(name)) {
            return fallback;
        }
        String value = flags.get(name);
        if (value == null || value.isEmpty()) {
            throw new UsageException("--" + name + " needs a value: write --" + name + " VALUE");
        }
        return value;
    }

    /** Whether the switch {@code --name} is present; a switch takes no value. */
    boolean isSet(String name) {
        used.add(name);
        if (flags.get(name) != null) {
            throw new UsageException("--" + name + " is a switch and takes no value, got '" + flags.get(name)
                    + "': write --" + name + " alone to turn it on, or leave it out");
        }
        return flags.containsKey(name);
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
