package org.linfgrad.train;

import java.nio.file.Path;

/**
 * Everything a training run is determined by. Build one with {@link #builder}, whose fields show the defaults.
 *
 * @param dataset    {@code digits} or {@code fashion-mnist}
 * @param dataDir    where the IDX files are, or null for the default place
 * @param model      a model spec such as {@code dist:linf:5x128}
 * @param epochs     passes over the training set
 * @param batchSize  samples per step
 * @param lr         the peak learning rate (cosine decay to 0)
 * @param optimizer  {@code adam} or {@code sgd} (momentum 0.9)
 * @param loss       {@code ce}, {@code hinge} or {@code mixture} for a dist net, {@code ce} or {@code ibp} for a
 *                   hybrid, or null for the model kind's default (mixture, ibp); see {@link Objective}
 * @param eps        the certified radius in [0, 1] pixel units, the goal of the eps_train ramp
 * @param theta      the hinge threshold as a multiple of 2 eps_train
 * @param lambda     the starting weight of cross-entropy in the mixture loss (decays 100x over the run)
 * @param kappa      the weight of the worst-case cross-entropy in the ibp loss (1 - kappa: the clean one)
 * @param fixedP     a p to train at throughout instead of the p schedule (NaN: the schedule)
 * @param seed       seeds initialisation, shuffling and augmentation
 * @param out        the run directory: metrics.jsonl, curves.png and checkpoint.safetensors
 * @param resume     continue from the checkpoint in {@code out} instead of starting afresh
 * @param validation the fraction of the training set held out to evaluate on every epoch (0: evaluate on the
 *                   test set every epoch)
 * @param init       a checkpoint to start from instead of a fresh initialisation (a pruned one, to fine-tune),
 *                   or null
 */
public record TrainConfig(String dataset, Path dataDir, String model, int epochs, int batchSize, double lr,
                          String optimizer, String loss, double eps, double theta, double lambda, double kappa,
                          double fixedP, long seed, Path out, boolean resume, double validation, Path init) {

    public TrainConfig {
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch must be at least 1, got " + batchSize);
        require(lr > 0 && Double.isFinite(lr), "--lr must be positive and finite, got " + lr);
        require(eps >= 0 && eps < 1, "--eps must be in [0, 1) (a radius in pixel units of [0, 1]), got " + eps);
        require(theta >= 0, "--theta must be non-negative, got " + theta);
        require(lambda >= 0, "--lambda must be non-negative, got " + lambda);
        require(kappa >= 0 && kappa <= 1, "--kappa must be in [0, 1], got " + kappa);
        require(!(resume && init != null), "--resume and --init exclude each other: resume continues this run's "
                + "checkpoint, init starts a new run from another one");
        require(validation >= 0 && validation < 1, "--val must be a fraction in [0, 1), got " + validation);
        require(Double.isNaN(fixedP) || fixedP >= 1, "--p must be >= 1 or inf, got " + fixedP);
        require(optimizer.equals("adam") || optimizer.equals("sgd"), "--optimizer must be adam or sgd, got " + optimizer);
    }

    /** The defaults of {@code linfgrad train} for a data set, to change before {@link Builder#build}. */
    public static Builder builder(String dataset) {
        return new Builder(dataset);
    }

    /** A builder holding this configuration, to change a setting or two. */
    public Builder toBuilder() {
        Builder b = new Builder(dataset);
        b.dataDir = dataDir;
        b.model = model;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.lr = lr;
        b.optimizer = optimizer;
        b.loss = loss;
        b.eps = eps;
        b.theta = theta;
        b.lambda = lambda;
        b.kappa = kappa;
        b.fixedP = fixedP;
        b.seed = seed;
        b.out = out;
        b.resume = resume;
        b.validation = validation;
        b.init = init;
        return b;
    }

    /**
     * The defaults: on digits a 5 x 128 net for 60 epochs at batch 64, on Fashion-MNIST 5 x 1024 for 30 epochs at
     * batch 512; the rest as the fields say.
     */
    public static final class Builder {
        private final String dataset;
        private Path dataDir = null;
        private String model;
        private int epochs;
        private int batchSize;
        private double lr = 0.02;
        private String optimizer = "adam";
        private String loss = null;
        private double eps = 0.1;
        private double theta = 1.5;
        private double lambda = 0.5;
        private double kappa = 0.5;
        private double fixedP = Double.NaN;
        private long seed = 1;
        private Path out;
        private boolean resume = false;
        private double validation = 0;
        private Path init = null;

        private Builder(String dataset) {
            boolean digits = dataset.equals("digits");
            this.dataset = dataset;
            this.model = digits ? "dist:linf:5x128" : "dist:linf:5x1024";
            this.epochs = digits ? 60 : 30;
            this.batchSize = digits ? 64 : 512;
            this.out = Path.of("runs", dataset);
        }

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder loss(String v) { loss = v; return this; }
        public Builder eps(double v) { eps = v; return this; }
        public Builder theta(double v) { theta = v; return this; }
        public Builder lambda(double v) { lambda = v; return this; }
        public Builder kappa(double v) { kappa = v; return this; }
        public Builder fixedP(double v) { fixedP = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder out(Path v) { out = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder validation(double v) { validation = v; return this; }
        public Builder init(Path v) { init = v; return this; }

        public TrainConfig build() {
            return new TrainConfig(dataset, dataDir, model, epochs, batchSize, lr, optimizer, loss, eps, theta,
                    lambda, kappa, fixedP, seed, out, resume, validation, init);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
