package org.linfgrad.nn;

import java.util.Map;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.tensor.Tensor;

/**
 * Mean-shift normalisation: in training, y = x - mean over the batch of x (per feature), and the running mean
 * moves towards the batch mean with momentum 0.1; in evaluation, y = x - running mean. Lipschitz constant in
 * the L-infinity norm in evaluation: 1 (a constant shift). No parameters.
 */
public final class MeanShift implements Layer {
    /** The weight of each new batch mean in the running mean. */
    public static final float MOMENTUM = 0.1f;

    private Tensor runningMean;
    private boolean training = true;

    public MeanShift(int features) {
        this.runningMean = Tensor.zeros(features);
    }

    @Override
    public Var forward(Var x) {
        if (!training) {
            return x.sub(Var.constant(runningMean));
        }
        Var mean = x.mean(0);
        runningMean = Backends.current().zip(Binary.ADD, Backends.current().scale(runningMean, 1 - MOMENTUM),
                Backends.current().scale(mean.value(), MOMENTUM));
        return x.sub(mean);
    }

    /**
     * y = x - batch mean, with the running mean replaced by the average of the batch means seen since
     * {@code first}: a re-estimate of the running mean over a data set (as PyTorch's update_bn does).
     */
    public Var forwardAveraging(Var x, boolean first, int batchesBefore) {
        Var mean = x.mean(0);
        runningMean = first ? mean.value() : Backends.current().zip(Binary.ADD, runningMean, Backends.current().scale(
                Backends.current().zip(Binary.SUB, mean.value(), runningMean), 1f / (batchesBefore + 1)));
        return x.sub(mean);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    @Override
    public Map<String, Var> parameters() {
        return Map.of();
    }

    /** The running mean, as the buffer {@code running_mean}. */
    @Override
    public LayerState state() {
        return new LayerState(Map.of("running_mean", runningMean), Map.of());
    }

    @Override
    public Layer restore(LayerState saved) {
        Tensor mean = Tensor.zeros(runningMean.shape());
        saved.copyInto("running_mean", mean);
        runningMean = mean;
        return this;
    }
}
