package org.linfgrad.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.linfgrad.data.DataException;
import org.linfgrad.data.FileProblems;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command-line entry point: {@code linfgrad <command> [--flag value ...]} (see {@link Linfgrad}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command and returns its exit status: 0 success, 1 failure, 2 bad usage. Every error is one line
     * on {@code err} ({@link UsageErrors} for the command line itself), a file error naming the path and the
     * cause ({@link FileProblems#describe}). No command prints the usage.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Linfgrad root = new Linfgrad();
        CommandLine commandLine = new CommandLine(root);
        Converters.register(commandLine);
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        commandLine.setOut(outWriter).setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler(new UsageErrors(err))
                .setExecutionStrategy(parsed -> execute(root, parsed, out, err));
        int status = commandLine.execute(args);
        outWriter.flush();
        return status;
    }

    /** Prints the help or version asked for, else runs the command named (with no command, prints the usage). */
    private static int execute(Linfgrad root, ParseResult parsed, PrintStream out, PrintStream err) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        ParseResult leaf = parsed.subcommand();
        if (leaf == null) {
            parsed.commandSpec().commandLine().usage(parsed.commandSpec().commandLine().getOut());
            return 0;
        }
        String prefix = UsageErrors.prefix(leaf.commandSpec().commandLine());
        try {
            UsageErrors.requireValues(leaf);
            root.chooseBackend();
            return ((Subcommand) leaf.commandSpec().userObject()).run(out);
        } catch (UsageException | IllegalArgumentException e) {
            err.println(prefix + e.getMessage());
            return 2;
        } catch (DataException e) {
            err.println(prefix + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            err.println(prefix + FileProblems.describe(e.getCause()));
            return 1;
        } catch (OutOfMemoryError e) { // the stack is unwound: the job's memory is garbage now
            err.println(prefix + "out of memory: this job needs more than the Java heap's "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; give it more, for instance with "
                    + "LINFGRAD_JVM_OPTIONS='-XX:+UseParallelGC -Xmn256m -Xmx8g' ./linfgrad ... "
                    + "(or java -Xmx8g -jar ...)");
            return 1;
        }
    }
}
