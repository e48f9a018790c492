package org.linfgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linfgrad train}: with no flags, trains a small L-infinity distance net on the embedded digits and
 * prints its clean and certified accuracy at eps = 0.1. Each flag sets one field of {@link TrainConfig#builder};
 * a flag left out keeps the builder's default (shown by {@code --help} through {@link TrainDefaults}).
 */
@Command(name = "train", sortOptions = false, resourceBundle = "org.linfgrad.cli.TrainDefaults",
        description = "Train a network (default: a small L-inf distance net on the embedded digits).")
final class TrainCommand implements Subcommand {
    @Option(names = "--data-set", paramLabel = "NAME", defaultValue = "digits",
            description = "the data set: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); it decides the "
                    + "defaults of --model, --epochs, --batch and --out")
    Choices.DataSet dataSet;
    @Option(names = "--data", paramLabel = "DIR",
            description = "the directory of the fashion-mnist IDX files (default: ${bundle:default.data})")
    Path dataDir;
    @Option(names = "--model", paramLabel = "KIND:NEURON:DxW",
            description = "the net: kind dist or hybrid, neuron linf, median, orderstat, softorder or weighted, "
                    + "depth x width (default: ${bundle:default.model})")
    String model;
    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training set (default: ${bundle:default.epochs})")
    Integer epochs;
    @Option(names = "--batch", paramLabel = "N", description = "samples per step (default: ${bundle:default.batch})")
    Integer batch;
    @Option(names = "--lr", paramLabel = "X", description = "the peak learning rate, cosine decay to 0 (default: ${bundle:default.lr})")
    Double lr;
    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES} (sgd with momentum 0.9; default: ${bundle:default.optimizer})")
    Choices.Optimizer optimizer;
    @Option(names = "--loss", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES}: ce, hinge or mixture for a dist net, ce or ibp for a hybrid "
                    + "(default: mixture for dist, ibp for hybrid)")
    Choices.Loss loss;
    @Option(names = "--eps", paramLabel = "X",
            description = "the certified radius in pixel units of [0, 1], the goal of the eps_train ramp (default: ${bundle:default.eps})")
    Double eps;
    @Option(names = "--theta", paramLabel = "X", description = "the hinge threshold as a multiple of 2 eps_train (default: ${bundle:default.theta})")
    Double theta;
    @Option(names = "--lambda", paramLabel = "X",
            description = "the starting weight of cross-entropy in the mixture loss, decaying 100x (default: ${bundle:default.lambda})")
    Double lambda;
    @Option(names = "--kappa", paramLabel = "X",
            description = "the weight of the worst-case cross-entropy in the ibp loss (default: ${bundle:default.kappa})")
    Double kappa;
    @Option(names = "--p", paramLabel = "X|inf", converter = Converters.PValue.class,
            description = "train at this p throughout (default: the p schedule 8, 16, ..., 1024, inf)")
    Double p;
    @Option(names = "--seed", paramLabel = "N", description = "seeds initialisation, shuffling and augmentation (default: ${bundle:default.seed})")
    Long seed;
    @Option(names = "--out", paramLabel = "DIR",
            description = "the run directory: metrics.jsonl, curves.png, checkpoint.safetensors (default: ${bundle:default.out})")
    Path out;
    @Option(names = "--resume", description = "continue from the checkpoint in --out (a switch: no value)")
    boolean resume;
    @Option(names = "--val", paramLabel = "FRACTION",
            description = "the fraction of the training set held out to evaluate on each epoch; 0: the test set (default: ${bundle:default.val})")
    Double validation;
    @Option(names = "--init", paramLabel = "CKPT",
            description = "start from this checkpoint (a pruned one, to fine-tune) instead of a fresh initialisation")
    Path init;

    /** The builder's defaults for the data set, with every flag given set on top. */
    TrainConfig config() {
        TrainConfig.Builder b = TrainConfig.builder(dataSet.toString());
        ifGiven(dataDir, b::dataDir);
        ifGiven(model, b::model);
        ifGiven(epochs, b::epochs);
        ifGiven(batch, b::batchSize);
        ifGiven(lr, b::lr);
        ifGiven(optimizer, o -> b.optimizer(o.toString()));
        ifGiven(loss, l -> b.loss(l.toString()));
        ifGiven(eps, b::eps);
        ifGiven(theta, b::theta);
        ifGiven(lambda, b::lambda);
        ifGiven(kappa, b::kappa);
        ifGiven(p, b::fixedP);
        ifGiven(seed, b::seed);
        ifGiven(out, b::out);
        ifGiven(validation, b::validation);
        ifGiven(init, b::init);
        return b.resume(resume).build();
    }

    private static <T> void ifGiven(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    @Override
    public int run(PrintStream out) {
        TrainConfig config = config();
        try {
            Trainer.Result result = new Trainer(config, out).run();
            out.println();
            out.printf(Locale.ROOT, "%-22s %s%n", "model", result.network().spec().format());
            out.printf(Locale.ROOT, "%-22s %.2f %%%n", "clean accuracy", 100 * result.test().accuracy());
            out.printf(Locale.ROOT, "%-22s %.2f %%  (%s)%n", "certified at eps " + result.eps(),
                    100 * result.test().certifiedAccuracy(), switch (result.certificate()) {
                        case MARGIN -> "margin certificate: f_y - f_j > 2 eps";
                        case INTERVAL -> "interval bounds, as certify computes them";
                    });
            out.printf("%-22s %s%n", "checkpoint", result.checkpoint());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
