package org.linfgrad.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that picocli cannot parse, as one line on stderr, {@code linfgrad COMMAND: what is wrong and
 * what to write}, and exit status 2. What is refused:
 * <ul>
 *   <li>an unknown command or flag, with picocli's suggestions ({@code trian}: did you mean train?);</li>
 *   <li>a flag without its value ({@code --out} last, or followed by another flag, or {@code --out=});</li>
 *   <li>a flag given twice (the last one would silently win);</li>
 *   <li>a switch given a value: {@code --resume} is on when present, so {@code --resume yes} and
 *   {@code --resume=false} are refused rather than guessed at;</li>
 *   <li>a value of the wrong type (an integer, a finite number, one of an enum's words);</li>
 *   <li>a required option or argument left out, two options of an exclusive group given together, or none.</li>
 * </ul>
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    private final PrintStream err;

    UsageErrors(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        err.println(prefix(e.getCommandLine()) + message(e, List.of(args)));
        return 2;
    }

    /** {@code linfgrad COMMAND: }, or {@code linfgrad: } before a command is known. */
    static String prefix(CommandLine command) {
        return command.getParent() == null ? "linfgrad: " : "linfgrad " + command.getCommandName() + ": ";
    }

    /**
     * Refuses an option given an empty value ({@code --out=}), which picocli takes as the empty string.
     *
     * @throws UsageException naming the option
     */
    static void requireValues(ParseResult parsed) {
        for (OptionSpec option : parsed.matchedOptions()) {
            if (option.arity().max() > 0 && option.originalStringValues().contains("")) {
                throw new UsageException(needsValue(option));
            }
        }
    }

    private static String message(ParameterException e, List<String> args) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        return switch (e) {
            case UnmatchedArgumentException u -> unmatched(spec, u, args);
            case OverwrittenOptionException o -> name(o.getOverwritten()) + " is given twice; give it once";
            case MutuallyExclusiveArgsException x -> exclusiveGroup(spec);
            case MissingParameterException m -> missing(spec, m.getMissing(), args);
            default -> e.getCause() instanceof TypeConversionException t && e.getArgSpec() != null
                    ? badValue(e.getArgSpec(), e.getValue(), t) : e.getMessage();
        };
    }

    private static String unmatched(CommandSpec spec, UnmatchedArgumentException u, List<String> args) {
        String word = u.getUnmatched().getFirst();
        String suggestion = u.getSuggestions().isEmpty() ? ""
                : "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        if (word.startsWith("-")) {
            return "unknown flag " + word + suggestion;
        }
        if (spec.parent() == null) {
            return "unknown command '" + word + "'" + suggestion + " (commands: "
                    + String.join(", ", spec.subcommands().keySet()) + ")";
        }
        int at = args.lastIndexOf(word);
        OptionSpec before = at > 0 ? spec.findOption(args.get(at - 1)) : null;
        if (before != null && before.arity().max() == 0) {
            return isSwitch(before, word);
        }
        return "unexpected argument '" + word + "' (flags look like --name value)";
    }

    private static String isSwitch(OptionSpec option, String value) {
        return option.longestName() + " is a switch and takes no value, got '" + value + "': write "
                + option.longestName() + " alone to turn it on, or leave it out";
    }

    private static String needsValue(OptionSpec option) {
        return option.longestName() + " needs a value: write " + option.longestName() + " VALUE";
    }

    private static String badValue(ArgSpec arg, String value, TypeConversionException t) {
        if (arg instanceof OptionSpec option && option.arity().max() == 0) {
            return isSwitch(option, value);
        }
        String must = arg.type().isEnum()
                ? "must be one of " + String.join(", ", arg.completionCandidates()) : t.getMessage();
        return name(arg) + " " + must + ", got '" + value + "'";
    }

    /** A flag given without its value, or a required option, argument or group left out. */
    private static String missing(CommandSpec spec, List<ArgSpec> missing, List<String> args) {
        ArgSpec first = missing.getFirst();
        if (first instanceof OptionSpec option && Arrays.stream(option.names())
                .anyMatch(n -> args.contains(n) || args.stream().anyMatch(a -> a.startsWith(n + "=")))) {
            return needsValue(option);
        }
        if (first.group() != null && first.group().exclusive()) {
            return exclusiveGroup(spec);
        }
        return first instanceof OptionSpec option
                ? option.longestName() + " " + option.paramLabel() + " is required (" + description(first) + ")"
                : "missing " + first.paramLabel() + " (" + description(first) + ")";
    }

    /** {@code give exactly one of --a X (what it is) or --b Y (what it is)}, for the command's exclusive group. */
    private static String exclusiveGroup(CommandSpec spec) {
        ArgGroupSpec group = spec.argGroups().stream().filter(ArgGroupSpec::exclusive).findFirst().orElseThrow();
        return "give exactly one of " + group.options().stream()
                .map(o -> o.longestName() + " " + o.paramLabel() + " (" + description(o) + ")")
                .collect(Collectors.joining(" or "));
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String description(ArgSpec arg) {
        return String.join(" ", arg.description());
    }
}
