package org.linfgrad.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.linfgrad.autograd.Var;

/** Builds the ordered parameter maps of layers. */
final class Params {
    private Params() {}

    /** "weight", then "bias" when there is one, then the further parameters given, in their order. */
    static Map<String, Var> of(Var weight, Var bias, Map<String, Var> more) {
        Map<String, Var> params = new LinkedHashMap<>();
        params.put("weight", weight);
        if (bias != null) {
            params.put("bias", bias);
        }
        params.putAll(more);
        return params;
    }

    /** "weight", then "bias" when there is one. */
    static Map<String, Var> of(Var weight, Var bias) {
        return of(weight, bias, Map.of());
    }
}
