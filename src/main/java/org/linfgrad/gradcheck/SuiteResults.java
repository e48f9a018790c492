package org.linfgrad.gradcheck;

import java.util.List;
import org.linfgrad.io.Json;

/**
 * The outcome of a run of the gradient-check suite as {@code linfgrad gradcheck --json} writes it and
 * {@code linfgrad grade} reads it back: one JSON object, {@code {"backend":...,"cases":[...]}}.
 *
 * @param backend the backend the checks ran on
 * @param cases   one result per case, in the suite's order
 */
public record SuiteResults(String backend, List<Result> cases) {

    /**
     * One case: whether it passed, the worst {@code |analytic - numeric| / tolerance} over its draws (NaN when
     * a gradient was NaN, written as "NaN"; null when a draw threw), and the exception's message (or null).
     */
    public record Result(String name, boolean passed, Double worstRatio, String error) {}

    /** The results as one line of JSON, with its line break. */
    public String toJson() {
        return Json.write(this) + "\n";
    }

    /** Reads what {@link #toJson} wrote; an IllegalArgumentException when the text is not that. */
    public static SuiteResults fromJson(String text) {
        SuiteResults results = Json.read(text, SuiteResults.class);
        if (results.cases() == null) {
            throw new IllegalArgumentException("expected {\"backend\":...,\"cases\":[...]}, found no cases");
        }
        return results;
    }
}
