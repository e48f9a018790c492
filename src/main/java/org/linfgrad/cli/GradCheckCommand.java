package org.linfgrad.cli;

import java.io.PrintStream;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.backend.Backends;
import org.linfgrad.gradcheck.GradCheckCase;
import org.linfgrad.gradcheck.GradCheckSuite;

/** {@code linfgrad gradcheck}: runs the gradient check of every operation on random inputs and prints a table. */
final class GradCheckCommand implements Command {

    @Override
    public String summary() {
        return "check every operation's backward against central differences [--seeds N] [--only TEXT]";
    }

    @Override
    public int run(Args args, PrintStream out) {
        int seeds = args.integer("seeds", 3);
        String only = args.string("only", "");
        args.requireAllUsed();
        if (seeds < 1) {
            throw new UsageException("--seeds must be at least 1, got " + seeds);
        }
        GradCheck.Settings s = GradCheck.Settings.DEFAULT;
        out.printf("gradient check on the %s backend: step %.0e, pass when |analytic - numeric| <= %.0e + %.0e |numeric|; "
                + "%d random draws each%n%n", Backends.current().name(), s.step(), s.atol(), s.rtol(), seeds);
        out.printf("%-28s %8s %12s %12s %10s  %s%n", "operation", "elements", "analytic", "numeric", "err/tol", "result");
        int failed = 0;
        int ran = 0;
        for (GradCheckCase c : GradCheckSuite.cases()) {
            if (!c.name().contains(only)) {
                continue;
            }
            GradCheck.Report worst = null;
            int elements = 0;
            for (int seed = 0; seed < seeds; seed++) {
                GradCheck.Report r = c.run(seed);
                elements += r.checked();
                if (worst == null || !(r.worstRatio() <= worst.worstRatio())) {
                    worst = r;
                }
            }
            ran++;
            failed += worst.passed() ? 0 : 1;
            out.printf("%-28s %8d %12.5g %12.5g %10.3f  %s%n", c.name(), elements, worst.analytic(), worst.numeric(),
                    worst.worstRatio(), worst.passed() ? "ok" : "FAIL at input " + worst.input() + " "
                            + java.util.Arrays.toString(worst.index()));
        }
        if (ran == 0) {
            throw new UsageException("no operation matches --only '" + only + "'");
        }
        out.printf("%n%d passed, %d failed%n", ran - failed, failed);
        return failed == 0 ? 0 : 1;
    }
}
