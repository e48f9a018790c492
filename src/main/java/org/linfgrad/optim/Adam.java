package org.linfgrad.optim;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/**
 * Adam: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps),
 * with the defaults of the L-infinity-dist net papers: b1 = 0.9, b2 = 0.99, eps = 1e-10.
 */
public final class Adam implements Optimizer {
    /** Parameters per task of the parallel update. */
    private static final int CHUNK = 1 << 15;

    private final List<Var> params;
    private final List<float[]> first;
    private final List<float[]> second;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private int t;

    public Adam(Collection<Var> params) {
        this(params, 0.9, 0.99, 1e-10);
    }

    public Adam(Collection<Var> params, double beta1, double beta2, double eps) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.first = ParamState.zerosLike(this.params);
        this.second = ParamState.zerosLike(this.params);
    }

    @Override
    public void step(double lr) {
        t++;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int k = 0; k < params.size(); k++) {
            Var p = params.get(k);
            if (p.grad() == null) {
                continue;
            }
            float[] w = p.value().data();
            float[] g = p.grad().data();
            float[] m = first.get(k);
            float[] v = second.get(k);
            // each element on its own: the chunks run on all cores, and the result does not depend on how
            IntStream.range(0, (w.length + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
                for (int i = c * CHUNK; i < Math.min(w.length, (c + 1) * CHUNK); i++) {
                    m[i] = (float) (beta1 * m[i] + (1 - beta1) * g[i]);
                    v[i] = (float) (beta2 * v[i] + (1 - beta2) * g[i] * g[i]);
                    w[i] -= (float) (lr * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + eps));
                }
            });
        }
    }

    @Override
    public void zeroGrad() {
        params.forEach(Var::zeroGrad);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        ParamState.export("adam.m", first, state);
        ParamState.export("adam.v", second, state);
        state.put("adam.step", Tensor.scalar(t));
        return state;
    }

    @Override
    public void restore(Map<String, Tensor> state) {
        ParamState.restore("adam.m", first, state);
        ParamState.restore("adam.v", second, state);
        Tensor step = state.get("adam.step");
        if (step == null) {
            throw new IllegalArgumentException("optimiser state 'adam.step' is missing; was the run trained with Adam?");
        }
        t = (int) step.item();
    }
}
