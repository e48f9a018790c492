package org.linfgrad.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.linfgrad.backend.Backends;
import org.linfgrad.data.DataException;
import org.linfgrad.data.FileProblems;

/** The command-line entry point: {@code linfgrad <command> [--flag value ...]}. */
public final class Main {
    private static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of(
            "assignment", new AssignmentCommand(),
            "bench", new BenchCommand(),
            "certify", new CertifyCommand(),
            "grade", new GradeCommand(),
            "gradcheck", new GradCheckCommand(),
            "info", new InfoCommand(),
            "prune", new PruneCommand(),
            "train", new TrainCommand()));

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command and returns its exit status: 0 success, 1 failure, 2 bad usage. Every error is one line
     * on {@code err}, a file error naming the path and the cause ({@link FileProblems#describe}).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            printUsage(out);
            return 0;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("linfgrad: unknown command '" + args[0] + "'; commands: " + String.join(", ", COMMANDS.keySet()));
            return 2;
        }
        try {
            if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
                out.println("linfgrad " + args[0] + ": " + command.summary());
                return 0;
            }
            Args parsed = Args.parse(Arrays.copyOfRange(args, 1, args.length));
            chooseBackend(parsed);
            return command.run(parsed, out);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("linfgrad " + args[0] + ": " + e.getMessage());
            return 2;
        } catch (DataException e) {
            err.println("linfgrad " + args[0] + ": " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            err.println("linfgrad " + args[0] + ": " + FileProblems.describe(e.getCause()));
            return 1;
        }
    }

    /** Switches backend when --backend or --device is given; the device defaults to auto. */
    private static void chooseBackend(Args args) {
        String backend = args.string("backend", null);
        String device = args.string("device", null);
        if (backend != null || device != null) {
            Backends.use(Backends.byName(backend != null ? backend : Backends.current().name(),
                    device != null ? device : "auto"));
        }
    }

    private static void printUsage(PrintStream out) {
        out.println("usage: linfgrad <command> [--flag value ...]");
        out.println();
        COMMANDS.forEach((name, command) -> out.printf("  %-10s %s%n", name, command.summary()));
        out.println();
        out.println("every command takes --backend reference|simd|opencl (default: the system property "
                + Backends.PROPERTY + ", else simd)");
        out.println("and, for opencl, --device N|NAME|auto (default auto: a GPU if there is one; "
                + "`linfgrad info` lists them)");
    }
}
