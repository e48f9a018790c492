package org.linfgrad.course;

import java.util.Arrays;
import org.linfgrad.autograd.Var;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.nn.NeuronLayer;
import org.linfgrad.nn.Sequential;
import org.linfgrad.prune.EdgeUsage;
import org.linfgrad.tensor.Tensor;

/**
 * The edge-usage table of a one-layer net on a few hand-made samples, against the counts worked out by hand.
 *
 * @param name     what the report calls it
 * @param neuron   the layer's kind, for the net's spec
 * @param layer    the layer (weights 0, so that z = x)
 * @param samples  the inputs, one row each
 * @param expected the table [M * N] counted by hand
 */
record EdgeUsageCheck(String name, ModelSpec.Neuron neuron, NeuronLayer layer, float[][] samples, int[] expected)
        implements CourseCheck {

    /** Weights 0 of m neurons over n inputs. */
    static Var zeros(int m, int n) {
        return Var.constant(Tensor.zeros(m, n));
    }

    @Override
    public CheckResult run() {
        Tensor images = Tensor.matrix(samples);
        Dataset data = new Dataset("hand-made", images, new int[samples.length], 1, images.dim(1), 2);
        Network net = Network.of(new ModelSpec(ModelSpec.Kind.DIST, neuron, 1, 1, images.dim(1), 2),
                new Sequential(layer));
        int[] got = EdgeUsage.count(net, data, new Normalization(0, 1)).perLayer().get(0);
        if (!Arrays.equals(got, expected)) {
            return CheckResult.fail(Verdict.WRONG, "wrong counts: " + name + ": " + Arrays.toString(got)
                    + ", counted by hand " + Arrays.toString(expected));
        }
        return CheckResult.pass(name, "");
    }
}
