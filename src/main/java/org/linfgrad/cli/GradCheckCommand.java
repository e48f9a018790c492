package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.backend.Backends;
import org.linfgrad.data.FileProblems;
import org.linfgrad.gradcheck.GradCheckCase;
import org.linfgrad.gradcheck.GradCheckSuite;
import org.linfgrad.gradcheck.SuiteResults;
import org.linfgrad.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linfgrad gradcheck}: runs the gradient check of every operation on random inputs and prints a table
 * (and, with --json, writes it). A case whose forward or backward throws is reported as failed with the
 * exception's message, so an unfinished course task ({@code TODO: ...}) shows up in the table.
 */
@Command(name = "gradcheck", sortOptions = false,
        description = "Check every operation's backward against central differences; exit 1 if any fails.")
final class GradCheckCommand implements Subcommand {
    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "random draws per operation (default: ${DEFAULT-VALUE})")
    int seeds;
    @Option(names = "--only", paramLabel = "TEXT", defaultValue = "",
            description = "check only the operations whose name contains TEXT (default: all)")
    String only;
    @Option(names = "--json", paramLabel = "FILE", description = "also write the results there as JSON")
    Path json;

    /** One row of the table: the worst of the draws, or the exception a draw threw. */
    private record Outcome(String name, int elements, GradCheck.Report worst, String error) {
        boolean passed() {
            return error == null && worst.passed();
        }

        SuiteResults.Result result() {
            return new SuiteResults.Result(name, passed(), error == null ? worst.worstRatio() : null, error);
        }
    }

    @Override
    public int run(PrintStream out) {
        if (seeds < 1) {
            throw new UsageException("--seeds must be at least 1, got " + seeds);
        }
        GradCheck.Settings s = GradCheck.Settings.DEFAULT;
        out.printf("gradient check on the %s backend: step %.0e, pass when |analytic - numeric| <= %.0e + %.0e "
                + "|numeric|; %d random draws each%n%n", Backends.current().name(), s.step(), s.atol(), s.rtol(), seeds);
        out.println(GradCheck.Report.TABLE_HEADER);
        List<Outcome> outcomes = new ArrayList<>();
        for (GradCheckCase c : GradCheckSuite.cases()) {
            if (c.name().contains(only)) {
                Outcome o = check(c, seeds);
                outcomes.add(o);
                out.println(row(o));
            }
        }
        if (outcomes.isEmpty()) {
            throw new UsageException("no operation matches --only '" + only + "'");
        }
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        out.printf("%n%d passed, %d failed%n", outcomes.size() - failed, failed);
        if (json != null) {
            writeJson(json, outcomes);
        }
        return failed == 0 ? 0 : 1;
    }

    private static Outcome check(GradCheckCase c, int seeds) {
        GradCheck.Report worst = null;
        int elements = 0;
        try {
            for (int seed = 0; seed < seeds; seed++) {
                GradCheck.Report r = c.run(seed);
                elements += r.checked();
                if (worst == null || !(r.worstRatio() <= worst.worstRatio())) {
                    worst = r;
                }
            }
        } catch (RuntimeException e) {
            return new Outcome(c.name(), elements, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Outcome(c.name(), elements, worst, null);
    }

    private static String row(Outcome o) {
        if (o.error() != null) {
            return String.format("%-28s %8s %12s %12s %10s  FAIL: %s", o.name(), "-", "-", "-", "-", o.error());
        }
        GradCheck.Report w = o.worst();
        return new GradCheck.Report(o.name(), w.passed(), w.input(), w.index(), w.analytic(), w.numeric(),
                w.worstRatio(), o.elements()).row();
    }

    private static void writeJson(Path path, List<Outcome> outcomes) {
        SuiteResults results = new SuiteResults(Backends.current().name(),
                outcomes.stream().map(Outcome::result).toList());
        try {
            AtomicFiles.writeString(path, results.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + path + ": " + FileProblems.describe(e), e));
        }
    }
}
