package org.linfgrad.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.data.Augment;
import org.linfgrad.data.Batches;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.loss.Losses;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.optim.Adam;
import org.linfgrad.optim.Optimizer;
import org.linfgrad.optim.Sgd;
import org.linfgrad.tensor.Tensor;

/**
 * Trains a network: per epoch it sets the schedules (p, temperature, eps_train, lambda), runs the batches
 * under a tape, evaluates the held-out set at p = infinity in evaluation mode, appends a line to
 * {@code metrics.jsonl} and writes {@code checkpoint.safetensors} atomically.
 */
public final class Trainer {
    private static final int EVAL_BATCH = 512;
    /** The checkpoint name of the mixture loss's learnable logit scale. */
    private static final String SCALE = "loss.scale";

    private final TrainConfig config;
    private final PrintStream out;

    public Trainer(TrainConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** The outcome of a run: the final evaluation on the test set and where the checkpoint is. */
    public record Result(Evaluation test, double eps, Path checkpoint, Network network) {}

    public Result run() throws IOException {
        return run(config.epochs());
    }

    /** Runs the epochs up to {@code lastEpoch} (1-based) of the configured schedule, as if stopped there. */
    Result run(int lastEpoch) throws IOException {
        DataSets.Split data = DataSets.byName(config.dataset(), config.dataDir());
        Dataset train = data.train();
        Dataset monitor = data.test();
        if (config.validation() > 0) {
            DataSets.Split carved = DataSets.holdOut(train, (int) Math.round(config.validation() * train.size()),
                    config.seed());
            train = carved.train();
            monitor = carved.test();
        }
        String monitored = config.validation() > 0 ? "val" : "test";
        Normalization norm = Normalization.of(train);
        ModelSpec spec = ModelSpec.parse(config.model(), train.features(), train.classes());
        Path metrics = config.out().resolve("metrics.jsonl");
        Path checkpoint = config.out().resolve("checkpoint.safetensors");
        Checkpoint.Loaded resumed = config.resume() ? resumable(checkpoint, spec) : null;
        Network net = resumed != null ? resumed.network()
                : config.init() != null ? initial(config.init(), spec) : Network.create(spec, new Random(config.seed()));
        Var scale = Var.param(resumed != null ? resumed.extra().get(SCALE) : Tensor.scalar(1));
        List<Var> params = new ArrayList<>(net.parameters().values());
        params.add(scale);
        Optimizer optimizer = config.optimizer().equals("adam") ? new Adam(params) : new Sgd(params, 0.9);
        int firstEpoch = 0;
        if (resumed != null) {
            optimizer.restore(resumed.extra());
            firstEpoch = Integer.parseInt(resumed.metadata().get("epoch"));
            out.printf("resuming %s after epoch %d%n", checkpoint, firstEpoch);
        }
        boolean augment = train.height() == 28;
        float eps = norm.radius(config.eps());
        Files.createDirectories(config.out());
        out.printf("training %s on %s: %d train / %d %s samples, %d epochs, batch %d, %s, loss %s, eps %.3f%s%n",
                net.spec().format(), train.name(), train.size(), monitor.size(), monitored, config.epochs(),
                config.batchSize(), config.optimizer(), config.loss(), config.eps(), augment ? ", random crops" : "");
        List<Map<String, Double>> history = resumed != null ? MetricsLog.read(metrics) : new ArrayList<>();
        try (Writer log = MetricsLog.open(metrics, resumed != null)) {
            for (int epoch = firstEpoch; epoch < Math.min(lastEpoch, config.epochs()); epoch++) {
                long start = System.nanoTime();
                // one generator per epoch, so that a resumed run shuffles and crops as the uninterrupted one
                Random rng = new Random(config.seed() * 1_000_003L + epoch);
                double p = net.spec().neuron() != ModelSpec.Neuron.LINF ? Double.POSITIVE_INFINITY
                        : Double.isNaN(config.fixedP()) ? Schedules.p(epoch, config.epochs()) : config.fixedP();
                net.setP(p);
                net.setTemperature(Schedules.temperature(epoch, config.epochs()));
                net.setTraining(true);
                float epsTrain = (float) Schedules.epsRamp(eps, epoch, config.epochs());
                float lambda = (float) Schedules.lambda(config.lambda(), epoch, config.epochs());
                Pass pass = trainEpoch(net, train, norm, optimizer, scale, epoch, epsTrain, lambda, rng, augment);
                double seconds = (System.nanoTime() - start) / 1e9;
                Evaluation watched = evaluate(net, monitor, norm, eps);
                Map<String, Double> line = metricsLine(epoch, p, seconds, pass, epsTrain * norm.std(), monitored, watched);
                out.printf(Locale.ROOT, "epoch %3d/%d  p %-6s  %6.0f samples/s  loss %.4f  train acc %.3f  cert@%.3f %.3f"
                                + "  | %s acc %.3f  cert@%.3f %.3f%n",
                        epoch + 1, config.epochs(), Double.isInfinite(p) ? "inf" : String.format(Locale.ROOT, "%.0f", p),
                        train.size() / seconds, pass.meanLoss(), pass.seen().accuracy(), epsTrain * norm.std(),
                        pass.seen().certifiedAccuracy(), monitored, watched.accuracy(), config.eps(),
                        watched.certifiedAccuracy());
                MetricsLog.append(log, line);
                history.add(line);
                MetricsLog.plot(config.out().resolve("curves.png"), history);
                Map<String, Tensor> state = new LinkedHashMap<>(optimizer.state());
                state.put(SCALE, scale.value());
                Checkpoint.save(checkpoint, net, norm, Map.of("dataset", config.dataset(), "epoch",
                        Integer.toString(epoch + 1), "seed", Long.toString(config.seed()), "optimizer",
                        config.optimizer()), state);
            }
        }
        return new Result(evaluate(net, data.test(), norm, eps), config.eps(), checkpoint, net);
    }

    /** What one pass over the training set saw: accuracy and certified accuracy at eps_train, mean loss. */
    private record Pass(Evaluation seen, double meanLoss) {}

    /** One epoch of steps over shuffled batches, with a progress bar on a terminal. */
    private Pass trainEpoch(Network net, Dataset train, Normalization norm, Optimizer optimizer, Var scale, int epoch,
                            float epsTrain, float lambda, Random rng, boolean augment) {
        long start = System.nanoTime();
        List<int[]> batches = Batches.of(train.size(), config.batchSize(), rng);
        Evaluation seen = new Evaluation(0, 0, 0);
        ProgressBar bar = new ProgressBar(out);
        double lossSum = 0;
        for (int k = 0; k < batches.size(); k++) {
            Dataset batch = train.subset(batches.get(k));
            Tensor images = augment ? Augment.randomCrop(batch.images(), 28, 28, rng) : batch.images();
            try (Tape tape = Tape.open()) {
                Var logits = net.logits(Var.constant(norm.apply(images)));
                Var loss = loss(logits, batch.labels(), epsTrain, lambda, scale);
                tape.backward(loss);
                lossSum += loss.value().item() * batch.size();
                seen = seen.plus(Evaluation.of(logits.value(), batch.labels(), epsTrain));
            }
            optimizer.step(Schedules.cosine(config.lr(), epoch + (double) k / batches.size(), config.epochs()));
            optimizer.zeroGrad();
            bar.update(epoch + 1, config.epochs(), k + 1, batches.size(),
                    seen.total() / ((System.nanoTime() - start) / 1e9), lossSum / seen.total());
        }
        bar.clear();
        return new Pass(seen, lossSum / seen.total());
    }

    /** The metrics.jsonl line of an epoch. */
    private Map<String, Double> metricsLine(int epoch, double p, double seconds, Pass pass, double epsTrain,
                                            String monitored, Evaluation watched) {
        Map<String, Double> line = new LinkedHashMap<>();
        line.put("epoch", epoch + 1.0);
        line.put("p", p);
        line.put("seconds", seconds);
        line.put("loss", pass.meanLoss());
        line.put("train_accuracy", pass.seen().accuracy());
        line.put("train_certified", pass.seen().certifiedAccuracy());
        line.put("eps_train", epsTrain);
        line.put(monitored + "_accuracy", watched.accuracy());
        line.put(monitored + "_certified", watched.certifiedAccuracy());
        line.put("eps", config.eps());
        return line;
    }

    /** The network of the checkpoint a run starts from, checked against this run's model. */
    private static Network initial(Path path, ModelSpec spec) throws IOException {
        Network net = Checkpoint.load(path).network();
        if (!net.spec().equals(spec)) {
            throw new IOException("--init: " + path + " holds " + net.spec().format() + ", not " + spec.format()
                    + "; pass --model " + net.spec().format());
        }
        return net;
    }

    /** The checkpoint to resume from, checked against this run's model and optimiser. */
    private Checkpoint.Loaded resumable(Path checkpoint, ModelSpec spec) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new IOException("--resume: there is no " + checkpoint + " to resume from; drop --resume to start afresh");
        }
        Checkpoint.Loaded loaded = Checkpoint.load(checkpoint);
        if (!loaded.network().spec().equals(spec) || !config.optimizer().equals(loaded.metadata().get("optimizer"))
                || !loaded.extra().containsKey(SCALE)) {
            throw new IOException("--resume: " + checkpoint + " holds " + loaded.network().spec().format() + " trained with "
                    + loaded.metadata().get("optimizer") + ", not " + spec.format() + " with " + config.optimizer());
        }
        return loaded;
    }

    private Var loss(Var logits, int[] labels, float epsTrain, float lambda, Var scale) {
        float theta = (float) (config.theta() * 2 * epsTrain);
        return switch (config.loss()) {
            case "ce" -> Losses.crossEntropy(logits, labels);
            case "hinge" -> Losses.hinge(logits, labels, epsTrain, theta);
            default -> Losses.mixture(logits, labels, epsTrain, theta, lambda, scale);
        };
    }

    /** Clean and margin-certified accuracy at radius eps (normalised units), in evaluation mode at p = infinity. */
    public static Evaluation evaluate(Network net, Dataset set, Normalization norm, float eps) {
        net.setTraining(false);
        net.setP(Double.POSITIVE_INFINITY);
        Evaluation total = new Evaluation(0, 0, 0);
        for (int[] positions : Batches.of(set.size(), EVAL_BATCH, null)) {
            Dataset batch = set.subset(positions);
            total = total.plus(Evaluation.of(net.predict(norm.apply(batch.images())), batch.labels(), eps));
        }
        return total;
    }
}
