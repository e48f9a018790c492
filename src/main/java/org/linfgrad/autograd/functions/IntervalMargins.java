package org.linfgrad.autograd.functions;

import org.linfgrad.autograd.Function;
import org.linfgrad.tensor.Tensor;

/**
 * The worst-case logit differences of a linear layer over a box, the interval bound of its margins: for inputs
 * h_b in [l_b, u_b] and logits f = W h + b, with y_b the label of sample b, D_j = W_j - W_y, c = (u + l) / 2 and
 * r = (u - l) / 2,
 * <pre>
 *   z_bj = max over the box of (f_j - f_y) = sum_i (D_ji c_bi + |D_ji| r_bi) + b_j - b_y,   z_by = 0,
 * </pre>
 * exact for the linear layer (the bound of the difference, not the difference of the bounds). The forward pass
 * sums in double and widens z_bj by (in + 4) 2^-23 (sum_i |D_ji| (|c_bi| + r_bi) + |b_j| + |b_y|), the float32
 * rounding bound of computing f_j and f_y, so that z bounds the margins the float32 forward pass computes.
 * Gradients, of the bound without that widening (at most 1e-4 of it for 1024 inputs):
 * dz_bj/dl_bi = min(D_ji, 0), dz_bj/du_bi = max(D_ji, 0), dz_bj/dW_ji = -dz_bj/dW_yi = c_bi + sign(D_ji) r_bi
 * (the corner u_bi or l_bi that maximises D_ji h_i), dz_bj/db_j = -dz_bj/db_y = 1.
 *
 * @param labels the class y_b of every sample
 */
public record IntervalMargins(int[] labels) implements Function<IntervalMargins.Saved> {

    /** The box and the layer: lower and upper [B, in], weight [classes, in], bias [classes]. */
    public record Saved(Tensor lower, Tensor upper, Tensor weight, Tensor bias) {}

    @Override
    public Forward<Saved> forward(Tensor... in) {
        Tensor lower = in[0], upper = in[1], weight = in[2], bias = in[3];
        int batch = lower.dim(0), n = lower.dim(1), classes = weight.dim(0);
        float[] l = lower.data(), u = upper.data(), w = weight.data(), b = bias.data();
        double rounding = (n + 4) * 0x1p-23;
        float[] z = new float[batch * classes];
        for (int s = 0; s < batch; s++) {
            int y = labels[s];
            for (int j = 0; j < classes; j++) {
                if (j == y) {
                    continue;
                }
                double bound = (double) b[j] - b[y];
                double magnitude = Math.abs(b[j]) + Math.abs(b[y]);
                for (int i = 0; i < n; i++) {
                    double d = (double) w[j * n + i] - w[y * n + i];
                    double c = ((double) l[s * n + i] + u[s * n + i]) / 2;
                    double r = ((double) u[s * n + i] - l[s * n + i]) / 2;
                    bound += d * c + Math.abs(d) * r;
                    magnitude += Math.abs(d) * (Math.abs(c) + r);
                }
                z[s * classes + j] = roundUp(bound + rounding * magnitude);
            }
        }
        return new Forward<>(Tensor.of(z, batch, classes), new Saved(lower, upper, weight, bias));
    }

    @Override
    public Tensor[] backward(Saved s, Tensor g) {
        int batch = s.lower().dim(0), n = s.lower().dim(1), classes = s.weight().dim(0);
        float[] l = s.lower().data(), u = s.upper().data(), w = s.weight().data(), grad = g.data();
        float[] dl = new float[l.length], du = new float[u.length], dw = new float[w.length], db = new float[classes];
        for (int b = 0; b < batch; b++) {
            int y = labels[b];
            for (int j = 0; j < classes; j++) {
                float gj = grad[b * classes + j];
                if (j == y || gj == 0) {
                    continue;
                }
                db[j] += gj;
                db[y] -= gj;
                for (int i = 0; i < n; i++) {
                    float d = w[j * n + i] - w[y * n + i];
                    float lo = l[b * n + i], hi = u[b * n + i];
                    // c + sign(d) r is the corner of the box that maximises d h_i
                    float corner = d > 0 ? hi : d < 0 ? lo : (lo + hi) / 2;
                    dl[b * n + i] += d < 0 ? gj * d : 0;
                    du[b * n + i] += d > 0 ? gj * d : 0;
                    dw[j * n + i] += gj * corner;
                    dw[y * n + i] -= gj * corner;
                }
            }
        }
        return new Tensor[] {Tensor.of(dl, s.lower().shape()), Tensor.of(du, s.upper().shape()),
                Tensor.of(dw, s.weight().shape()), Tensor.of(db, classes)};
    }

    /** The float at or above a double. */
    private static float roundUp(double v) {
        float f = (float) v;
        return f < v ? Math.nextUp(f) : f;
    }
}
