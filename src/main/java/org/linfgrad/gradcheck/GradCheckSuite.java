package org.linfgrad.gradcheck;

import java.util.ArrayList;
import java.util.List;
import org.linfgrad.autograd.GradCheck;

/**
 * Every differentiable operation of linfgrad with samplers of random inputs: what {@code ./linfgrad gradcheck}
 * prints and what the test suite checks. An operation missing here is an operation nobody checks, so every new
 * function gets a case in one of the case lists this suite reads.
 */
public final class GradCheckSuite {
    private static final List<GradCheckCase> CASES = List.copyOf(collect());

    private GradCheckSuite() {}

    /** All cases, in a stable order. */
    public static List<GradCheckCase> cases() {
        return CASES;
    }

    private static List<GradCheckCase> collect() {
        List<GradCheckCase> cases = new ArrayList<>();
        CoreCases.addTo(cases);
        NeuronCases.addTo(cases);
        OracleCases.addTo(cases);
        return cases;
    }

    /** Shorthand used by the case lists. */
    static GradCheckCase of(String name, GradCheckCase.Sampler inputs, GradCheck.Computation f) {
        return new GradCheckCase(name, inputs, f);
    }
}
