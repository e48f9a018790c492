package org.linfgrad.cli;

import java.io.PrintStream;

/** One subcommand of the command line. */
interface Command {
    /** One line for the usage text. */
    String summary();

    /** Runs the command; returns the process exit status. */
    int run(Args args, PrintStream out);
}
