package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.backend.Backends;
import org.linfgrad.data.FileProblems;
import org.linfgrad.gradcheck.GradCheckCase;
import org.linfgrad.gradcheck.GradCheckSuite;
import org.linfgrad.io.AtomicFiles;
import org.linfgrad.io.Json;

/**
 * {@code linfgrad gradcheck}: runs the gradient check of every operation on random inputs and prints a table
 * (and, with --json, writes it). A case whose forward or backward throws is reported as failed with the
 * exception's message, so an unfinished course task ({@code TODO: ...}) shows up in the table.
 */
final class GradCheckCommand implements Command {

    /** One row of the table: the worst of the draws, or the exception a draw threw. */
    private record Outcome(String name, int elements, GradCheck.Report worst, String error) {
        boolean passed() {
            return error == null && worst.passed();
        }

        String json() {
            String ratio = error == null ? number(worst.worstRatio()) : "null";
            return String.format(Locale.ROOT, "{\"name\":%s,\"passed\":%b,\"worst_ratio\":%s,\"error\":%s}",
                    Json.quote(name), passed(), ratio, error == null ? "null" : Json.quote(error));
        }
    }

    /** A number as JSON: a finite one as is, NaN and the infinities (not JSON numbers) as strings. */
    private static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : Json.quote(Double.toString(x));
    }

    @Override
    public String summary() {
        return "check every operation's backward against central differences [--seeds N] [--only TEXT] [--json FILE]";
    }

    @Override
    public int run(Args args, PrintStream out) {
        int seeds = args.integer("seeds", 3);
        String only = args.string("only", "");
        String json = args.string("json", null);
        args.requireAllUsed();
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
            writeJson(Path.of(json), outcomes);
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
        String text = "{\"backend\":" + Json.quote(Backends.current().name()) + ",\"cases\":["
                + String.join(",", outcomes.stream().map(Outcome::json).toList()) + "]}\n";
        try {
            AtomicFiles.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + path + ": " + FileProblems.describe(e), e));
        }
    }
}
