package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.backend.Backends;
import org.linfgrad.tensor.Tensor;

/**
 * y = x - logsumexp(x) along the last axis; the context is the output y. Its backward must stay accurate where
 * the row's largest weight exp(y_m) rounds to 1 in float32: the soft order statistic's rank gradient, a softmax
 * mixture, depends on it at low temperature (the gradient checks' double oracle sees it).
 */
public record LogSoftmax() implements Function<Tensor> {

    @Override
    public Forward<Tensor> forward(Tensor... in) {
        Tensor y = Backends.current().logSoftmax(in[0]);
        return new Forward<>(y, y);
    }

    @Override
    public Tensor[] backward(Tensor y, Tensor g) {
        // BEGIN SOLUTION log-softmax-backward
        // With s = exp(y) = softmax(x): dL/dx_i = g_i - s_i sum_k g_k per row. For the row's largest s_m the same
        // value is computed as g_m sum_{k != m} s_k - s_m sum_{k != m} g_k: once s_m rounds to 1, the textbook form
        // g_m - s_m (g_m + ...) cancels g_m against itself and loses g_m (1 - s_m), which is everything when g is
        // itself proportional to s (the backward of exp(y)); the rank gradient lost half its value so at tau 0.05.
        int n = y.shape()[y.rank() - 1];
        float[] logS = y.data();
        float[] grad = g.data();
        float[] dx = new float[logS.length];
        for (int row = 0; row < logS.length; row += n) {
            int top = row;
            double gSum = 0;
            for (int i = row; i < row + n; i++) {
                top = logS[i] > logS[top] ? i : top;
                gSum += grad[i];
            }
            double gOthers = 0;
            double sOthers = 0;
            for (int i = row; i < row + n; i++) {
                double s = Math.exp(logS[i]);
                dx[i] = (float) (grad[i] - s * gSum);
                if (i != top) {
                    gOthers += grad[i];
                    sOthers += s;
                }
            }
            dx[top] = (float) (grad[top] * sOthers - Math.exp(logS[top]) * gOthers);
        }
        return new Tensor[] {Tensor.of(dx, y.shape())};
        // END SOLUTION
    }
}
