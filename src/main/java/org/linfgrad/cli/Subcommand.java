package org.linfgrad.cli;

import java.io.PrintStream;

/**
 * One subcommand of the command line: a picocli {@code @Command} whose fields hold its parsed options, run
 * by {@link Main} once the whole command line has parsed.
 */
interface Subcommand {
    /**
     * Runs the command; returns the process exit status. A {@link UsageException} or IllegalArgumentException
     * is a usage error (status 2), a DataException or UncheckedIOException a failure (status 1).
     */
    int run(PrintStream out);
}
