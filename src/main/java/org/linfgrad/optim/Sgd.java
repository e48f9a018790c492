package org.linfgrad.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/** SGD with momentum: u = mu u + g, w -= lr * u. */
public final class Sgd implements Optimizer {
    private final List<Var> params;
    private final List<float[]> velocity;
    private final double momentum;

    public Sgd(Collection<Var> params, double momentum) {
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.velocity = ParamState.zerosLike(this.params);
    }

    @Override
    public void step(double lr) {
        for (int k = 0; k < params.size(); k++) {
            Var p = params.get(k);
            if (p.grad() == null) {
                continue;
            }
            float[] w = p.value().data();
            float[] g = p.grad().data();
            float[] u = velocity.get(k);
            for (int i = 0; i < w.length; i++) {
                u[i] = (float) (momentum * u[i] + g[i]);
                w[i] -= (float) (lr * u[i]);
            }
        }
    }

    @Override
    public void zeroGrad() {
        params.forEach(Var::zeroGrad);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        ParamState.export("sgd.velocity", velocity, state);
        return state;
    }

    @Override
    public void restore(Map<String, Tensor> state) {
        ParamState.restore("sgd.velocity", velocity, state);
    }
}
