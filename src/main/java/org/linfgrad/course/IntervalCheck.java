package org.linfgrad.course;

import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.linfgrad.autograd.Var;
import org.linfgrad.certify.Box;
import org.linfgrad.certify.IntervalBounds;
import org.linfgrad.nn.Layer;
import org.linfgrad.tensor.Tensor;

/**
 * The interval bound of one layer: containment (the output at every sampled point of a box, its corners
 * included, lies within the bounds) and soundness at a point (a box of width 0 is bounded by exactly the
 * layer's output there, so a bound that is merely wide does not pass).
 *
 * @param name  what the report calls it
 * @param layer builds the layer under test from a seeded generator
 */
record IntervalCheck(String name, Function<Random, Layer> layer) implements CourseCheck {
    private static final int INPUTS = 8, BATCH = 5, POINTS = 60;
    private static final float SLACK = 1e-5f;

    @Override
    public CheckResult run() {
        Random rng = new Random(8);
        Layer l = layer.apply(rng);
        Tensor x = Tensor.randn(rng, BATCH, INPUTS);
        Box point = IntervalBounds.propagate(l, new Box(x, x));
        Tensor exact = l.forward(Var.constant(x)).value();
        for (int e = 0; e < exact.size(); e++) {
            float lo = point.lower().data()[e], hi = point.upper().data()[e], y = exact.data()[e];
            if (Float.isNaN(lo) || Float.isNaN(hi)) {
                return CheckResult.fail(Verdict.NAN, name + ": the bounds of a point box hold NaN at output " + e);
            }
            if (Math.abs(lo - y) > SLACK || Math.abs(hi - y) > SLACK) {
                return CheckResult.fail(Verdict.WRONG, String.format(Locale.ROOT, "wrong bound: %s: a box of width 0 "
                        + "at output %d gives [%s, %s], the output there is %s", name, e, lo, hi, y));
            }
        }
        Box box = Box.around(x, 0.3f, -10, 10);
        Box out = IntervalBounds.propagate(l, box);
        for (int t = 0; t < POINTS; t++) {
            float[] inside = new float[x.size()];
            for (int i = 0; i < inside.length; i++) {
                float lo = box.lower().data()[i], hi = box.upper().data()[i];
                inside[i] = t % 2 == 0 ? lo + rng.nextFloat() * (hi - lo) : rng.nextBoolean() ? lo : hi;
            }
            Tensor y = l.forward(Var.constant(Tensor.of(inside, x.shape()))).value();
            for (int e = 0; e < y.size(); e++) {
                float lo = out.lower().data()[e], hi = out.upper().data()[e];
                if (!(y.data()[e] >= lo - SLACK && y.data()[e] <= hi + SLACK)) {
                    return CheckResult.fail(Float.isNaN(lo) || Float.isNaN(hi) ? Verdict.NAN : Verdict.WRONG,
                            String.format(Locale.ROOT, "wrong bound: %s: output %d is %s at a point of the box, outside "
                                    + "its bounds [%s, %s]", name, e, y.data()[e], lo, hi));
                }
            }
        }
        return CheckResult.pass(name, "");
    }
}
