package org.linfgrad.train;

import java.nio.file.Path;

/**
 * Everything a training run is determined by.
 *
 * @param dataset   {@code digits} or {@code fashion-mnist}
 * @param dataDir   where the IDX files are, or null for the default place
 * @param model     a model spec such as {@code dist:linf:5x128}
 * @param epochs    passes over the training set
 * @param batchSize samples per step
 * @param lr        the peak learning rate (cosine decay to 0)
 * @param optimizer {@code adam} or {@code sgd} (momentum 0.9)
 * @param loss      {@code ce}, {@code hinge} or {@code mixture}
 * @param eps       the certified radius in [0, 1] pixel units, reached by eps_train halfway through
 * @param theta     the hinge threshold as a multiple of 2 eps_train
 * @param lambda    the starting weight of cross-entropy in the mixture loss (decays 100x over the run)
 * @param fixedP    a p to train at throughout instead of the p schedule (NaN: the schedule)
 * @param seed      seeds initialisation, shuffling and augmentation
 * @param out       the run directory: metrics.jsonl, curves.png and checkpoint.safetensors
 * @param resume    continue from the checkpoint in {@code out} instead of starting afresh
 * @param validation the fraction of the training set held out to evaluate on every epoch (0: evaluate on the
 *                  test set every epoch)
 * @param init      a checkpoint to start from instead of a fresh initialisation (a pruned one, to fine-tune),
 *                  or null
 */
public record TrainConfig(String dataset, Path dataDir, String model, int epochs, int batchSize, double lr,
                          String optimizer, String loss, double eps, double theta, double lambda, double fixedP, long seed,
                          Path out, boolean resume, double validation, Path init) {

    public TrainConfig {
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch must be at least 1, got " + batchSize);
        require(lr > 0, "--lr must be positive, got " + lr);
        require(eps >= 0 && eps < 1, "--eps must be in [0, 1) (a radius in pixel units of [0, 1]), got " + eps);
        require(theta >= 0, "--theta must be non-negative, got " + theta);
        require(lambda >= 0, "--lambda must be non-negative, got " + lambda);
        require(!(resume && init != null), "--resume and --init exclude each other: resume continues this run's "
                + "checkpoint, init starts a new run from another one");
        require(validation >= 0 && validation < 1, "--val must be a fraction in [0, 1), got " + validation);
        require(Double.isNaN(fixedP) || fixedP >= 1, "--p must be >= 1 or inf, got " + fixedP);
        require(optimizer.equals("adam") || optimizer.equals("sgd"), "--optimizer must be adam or sgd, got " + optimizer);
        require(loss.equals("ce") || loss.equals("hinge") || loss.equals("mixture"),
                "--loss must be ce, hinge or mixture, got " + loss);
    }

    /**
     * The defaults of {@code linfgrad train} for a data set: a 5 x 128 net for 60 epochs at batch 64 on digits,
     * 5 x 1024 for 30 epochs at batch 512 on Fashion-MNIST; Adam at lr 0.02, the mixture loss, eps 0.1, the p
     * schedule, seed 1, output under runs/DATASET.
     */
    public static TrainConfig defaults(String dataset) {
        boolean digits = dataset.equals("digits");
        return new TrainConfig(dataset, null, digits ? "dist:linf:5x128" : "dist:linf:5x1024", digits ? 60 : 30,
                digits ? 64 : 512, 0.02, "adam", "mixture", 0.1, 1.5, 0.5, Double.NaN, 1, Path.of("runs", dataset),
                false, 0, null);
    }

    // One copy with one setting changed, for each setting users change.

    public TrainConfig withDataDir(Path v) {
        return new TrainConfig(dataset, v, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withModel(String v) {
        return new TrainConfig(dataset, dataDir, v, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withEpochs(int v) {
        return new TrainConfig(dataset, dataDir, model, v, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withBatchSize(int v) {
        return new TrainConfig(dataset, dataDir, model, epochs, v, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withLr(double v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, v, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withLoss(String v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, v, eps, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withEps(double v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, v, theta, lambda, fixedP, seed, out, resume, validation, init);
    }

    public TrainConfig withFixedP(double v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, v, seed, out, resume, validation, init);
    }

    public TrainConfig withSeed(long v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, v, out, resume, validation, init);
    }

    public TrainConfig withOut(Path v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, v, resume, validation, init);
    }

    public TrainConfig withResume(boolean v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, v, validation, init);
    }

    public TrainConfig withValidation(double v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, v, init);
    }

    public TrainConfig withInit(Path v) {
        return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta, lambda, fixedP, seed, out, resume, validation, v);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
