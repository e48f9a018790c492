package org.linfgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/** Per-parameter optimiser state: one zero-initialised float array per parameter, of its size. */
final class ParamState {
    private ParamState() {}

    /** The arrays as tensors named prefix.0, prefix.1, ... (copies). */
    static void export(String prefix, List<float[]> arrays, Map<String, Tensor> into) {
        for (int k = 0; k < arrays.size(); k++) {
            into.put(prefix + "." + k, Tensor.of(arrays.get(k).clone(), arrays.get(k).length));
        }
    }

    /** Copies tensors named prefix.0, prefix.1, ... back into the arrays. */
    static void restore(String prefix, List<float[]> arrays, Map<String, Tensor> from) {
        for (int k = 0; k < arrays.size(); k++) {
            Tensor t = from.get(prefix + "." + k);
            if (t == null || t.size() != arrays.get(k).length) {
                throw new IllegalArgumentException("optimiser state '" + prefix + "." + k + "' is missing or has the "
                        + "wrong size; was the checkpoint written for another model?");
            }
            System.arraycopy(t.data(), 0, arrays.get(k), 0, arrays.get(k).length);
        }
    }

    static List<float[]> zerosLike(List<Var> params) {
        List<float[]> state = new ArrayList<>();
        for (Var p : params) {
            state.add(new float[p.value().size()]);
        }
        return state;
    }
}
