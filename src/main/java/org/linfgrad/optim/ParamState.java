package org.linfgrad.optim;

import java.util.ArrayList;
import java.util.List;
import org.linfgrad.autograd.Var;

/** Per-parameter optimiser state: one zero-initialised float array per parameter, of its size. */
final class ParamState {
    private ParamState() {}

    static List<float[]> zerosLike(List<Var> params) {
        List<float[]> state = new ArrayList<>();
        for (Var p : params) {
            state.add(new float[p.value().size()]);
        }
        return state;
    }
}
