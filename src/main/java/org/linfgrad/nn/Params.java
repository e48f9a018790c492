package org.linfgrad.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.linfgrad.autograd.Var;

/** Builds the ordered parameter maps of layers. */
final class Params {
    private Params() {}

    /** "weight", then "bias" when there is one, then any further (name, Var) pairs given. */
    static Map<String, Var> of(Var weight, Var bias, Object... more) {
        Map<String, Var> params = new LinkedHashMap<>();
        params.put("weight", weight);
        if (bias != null) {
            params.put("bias", bias);
        }
        for (int k = 0; k < more.length; k += 2) {
            params.put((String) more[k], (Var) more[k + 1]);
        }
        return params;
    }
}
