package org.linfgrad.course;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.gradcheck.GradCheckCase;
import org.linfgrad.gradcheck.GradCheckSuite;

/** A case of the gradient-check suite as a course check: a few random draws, the worst element on a failure. */
record GradientCheck(GradCheckCase c) implements CourseCheck {
    private static final int DRAWS = 2;

    /**
     * The checks of every suite case whose name is one of {@code names} or starts with one followed by a space.
     *
     * @throws IllegalStateException when a name matches no case
     */
    static List<CourseCheck> named(String... names) {
        for (String n : names) {
            if (GradCheckSuite.cases().stream().noneMatch(c -> matches(c, n))) {
                throw new IllegalStateException("no gradient-check case is named '" + n + "'");
            }
        }
        return GradCheckSuite.cases().stream().filter(c -> Arrays.stream(names).anyMatch(n -> matches(c, n)))
                .<CourseCheck>map(GradientCheck::new).toList();
    }

    private static boolean matches(GradCheckCase c, String name) {
        return c.name().equals(name) || c.name().startsWith(name + " ");
    }

    @Override
    public String name() {
        return c.name();
    }

    @Override
    public CheckResult run() {
        for (long seed = 0; seed < DRAWS; seed++) {
            GradCheck.Report r = c.run(seed);
            if (!r.passed()) {
                return failure(r);
            }
        }
        return CheckResult.pass(name(), "");
    }

    private CheckResult failure(GradCheck.Report r) {
        GradCheck.Settings s = c.oracle() == null ? GradCheck.Settings.DEFAULT : GradCheck.Settings.ORACLE;
        String table = String.format(Locale.ROOT, "pass when |analytic - %s| <= %.0e + %.0e |%s|%n%s%n%s%n",
                c.oracle() == null ? "numeric" : "oracle", s.atol(), s.rtol(), c.oracle() == null ? "numeric" : "oracle",
                GradCheck.Report.TABLE_HEADER, r.row());
        boolean nan = !Double.isFinite(r.analytic());
        String line = String.format(Locale.ROOT, "%s: %s: input %d element %s analytic %.6g numeric %.6g",
                nan ? "NaN gradient" : "wrong gradient", name(), r.input(), Arrays.toString(r.index()), r.analytic(),
                r.numeric());
        return new CheckResult(nan ? Verdict.NAN : Verdict.WRONG, line, table, "");
    }
}
