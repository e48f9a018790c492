package org.linfgrad.course;

/**
 * The outcome of one course check.
 *
 * @param verdict  pass, or what went wrong
 * @param line     one line for the student: what failed and where (the worst element of a wrong gradient)
 * @param feedback the table that shows it (for a gradient, the rows {@code linfgrad gradcheck} prints), or ""
 * @param note     something reported but not graded (a speed ratio), or ""
 */
public record CheckResult(Verdict verdict, String line, String feedback, String note) {

    /** A passed check, with a note (or ""). */
    public static CheckResult pass(String name, String note) {
        return new CheckResult(Verdict.PASS, name + ": pass", "", note);
    }

    /** A failed check with a one-line reason and no table. */
    public static CheckResult fail(Verdict verdict, String line) {
        return new CheckResult(verdict, line, "", "");
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
