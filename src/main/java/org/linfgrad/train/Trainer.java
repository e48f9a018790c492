package org.linfgrad.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.backend.Backends;
import org.linfgrad.certify.Certificate;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Evaluation;
import org.linfgrad.data.Augment;
import org.linfgrad.data.Batches;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.FileProblems;
import org.linfgrad.data.Normalization;
import org.linfgrad.io.AtomicFiles;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.optim.Adam;
import org.linfgrad.optim.Optimizer;
import org.linfgrad.optim.Sgd;
import org.linfgrad.tensor.Tensor;

/**
 * Trains a network on its model kind's {@link Objective}: per epoch it sets the schedules (p, temperature,
 * eps_train, lambda), runs the batches under a tape, writes {@code checkpoint.safetensors} atomically, evaluates
 * the held-out set with the network's own certificate ({@link Certifier#evaluate}, exactly what {@code certify}
 * reports for it) and then appends a line to {@code metrics.jsonl}, so that a run killed in between resumes from a
 * checkpoint its metrics never run ahead of.
 */
public final class Trainer {
    /** The batch size of the running-mean re-estimate ({@link Network#recalibrate}). */
    private static final int EVAL_BATCH = 512;

    private final TrainConfig config;
    private final PrintStream out;

    public Trainer(TrainConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** The outcome of a run: the final evaluation on the test set and where the checkpoint is. */
    public record Result(Evaluation test, Certificate certificate, double eps, Path checkpoint, Network network) {}

    public Result run() throws IOException {
        return run(config.epochs());
    }

    /** The sets of a run: train on one, monitor another every epoch ("val" or "test"), report on the test set. */
    private record Data(Dataset train, Dataset monitor, String monitored, Dataset test) {}

    /** What a run trains: the network, its objective and optimiser, and the epochs already done. */
    private record Run(Network net, Objective objective, Optimizer optimizer, int firstEpoch) {}

    /** Runs the epochs up to {@code lastEpoch} (1-based) of the configured schedule, as if stopped there. */
    Result run(int lastEpoch) throws IOException {
        Data data = data();
        Normalization norm = Normalization.of(data.train());
        ModelSpec spec = ModelSpec.parse(config.model(), data.train().features(), data.train().classes());
        Run run = start(spec, config.out().resolve("checkpoint.safetensors"));
        Certificate certificate = Certificate.of(run.net());
        boolean augment = Augment.randomCrops(data.train());
        Files.createDirectories(config.out());
        try (RunLock lock = RunLock.acquire(config.out())) {
            AtomicFiles.removeStaleTemporaries(config.out());
            return epochs(run, data, norm, spec, certificate, augment, lastEpoch);
        }
    }

    /** The epochs of a run that holds its directory, up to {@code lastEpoch}, and the test-set evaluation. */
    private Result epochs(Run run, Data data, Normalization norm, ModelSpec spec, Certificate certificate,
                          boolean augment, int lastEpoch) throws IOException {
        Path checkpoint = config.out().resolve("checkpoint.safetensors");
        Path metrics = config.out().resolve("metrics.jsonl");
        out.printf(Locale.ROOT, "training %s on %s: %d train / %d %s samples, %d epochs, batch %d, %s, loss %s, "
                        + "certified by %s at eps %.3f%s%n", spec.format(), data.train().name(), data.train().size(),
                data.monitor().size(), data.monitored(), config.epochs(), config.batchSize(), config.optimizer(),
                run.objective().name(), certificate.description(), config.eps(), augment ? ", random crops" : "");
        List<Map<String, Double>> history = MetricsLog.readUpTo(metrics, run.firstEpoch());
        MetricsLog.rewrite(metrics, history);
        try (Writer log = MetricsLog.open(metrics)) {
            for (int epoch = run.firstEpoch(); epoch < Math.min(lastEpoch, config.epochs()); epoch++) {
                Map<String, Double> line = epoch(run, data, norm, epoch, augment);
                save(checkpoint, run, norm, epoch);
                MetricsLog.append(log, metrics, line);
                history.add(line);
                MetricsLog.plot(config.out().resolve("curves.png"), history);
            }
        }
        List<double[]> ranks = RankHistogram.relativeRanks(run.net());
        if (!ranks.isEmpty()) {
            Path png = config.out().resolve("ranks.png");
            out.printf("learnt ranks %s: %s%n", png, RankHistogram.write(png, ranks));
        }
        return new Result(new Certifier(run.net(), norm).evaluate(data.test(), config.eps()), certificate,
                config.eps(), checkpoint, run.net());
    }

    private Data data() {
        DataSets.Split split = DataSets.byName(config.dataset(), config.dataDir());
        if (config.validation() == 0) {
            return new Data(split.train(), split.test(), "test", split.test());
        }
        int held = (int) Math.round(config.validation() * split.train().size());
        DataSets.Split carved = DataSets.holdOut(split.train(), held, config.seed());
        return new Data(carved.train(), carved.test(), "val", split.test());
    }

    /** A fresh network, the one of --init, or the resumed one with its optimiser and loss state. */
    private Run start(ModelSpec spec, Path checkpoint) throws IOException {
        Objective objective = Objective.of(spec, config);
        Checkpoint.Loaded resumed = config.resume() ? resumable(checkpoint, spec, objective) : null;
        Network net = resumed != null ? resumed.network()
                : config.init() != null ? initial(config.init(), spec) : Network.create(spec, new Random(config.seed()));
        List<Var> params = new ArrayList<>(net.parameters().values());
        params.addAll(objective.parameters().values());
        Optimizer optimizer = config.optimizer().equals("adam") ? new Adam(params) : new Sgd(params, 0.9);
        if (resumed == null) {
            return new Run(net, objective, optimizer, 0);
        }
        optimizer.restore(resumed.extra());
        objective.parameters().forEach((name, v) -> System.arraycopy(resumed.extra().get(name).data(), 0,
                v.value().data(), 0, v.value().size()));
        int done = Integer.parseInt(resumed.metadata().get("epoch"));
        out.printf("resuming %s after epoch %d%n", checkpoint, done);
        return new Run(net, objective, optimizer, done);
    }

    /** One epoch: schedules, the steps, the monitor's evaluation; the metrics line it returns. */
    private Map<String, Double> epoch(Run run, Data data, Normalization norm, int epoch, boolean augment)
            throws IOException {
        Network net = run.net();
        boolean relaxed = net.spec().neuron() == ModelSpec.Neuron.LINF || net.spec().neuron() == ModelSpec.Neuron.SORTNET;
        double p = !relaxed ? Double.POSITIVE_INFINITY
                : Double.isNaN(config.fixedP()) ? Schedules.p(epoch, config.epochs()) : config.fixedP();
        net.setP(p);
        net.setTemperature(Schedules.temperature(epoch, config.epochs()));
        net.setTraining(true);
        double epsTrain = Schedules.epsRamp(config.eps(), epoch, config.epochs(), run.objective().epsRampFraction());
        Objective.Epoch schedule = new Objective.Epoch(norm.radius(epsTrain),
                (float) Schedules.lambda(config.lambda(), epoch, config.epochs()));
        long start = System.nanoTime();
        Pass pass = trainEpoch(run, data.train(), norm, epoch, schedule, augment);
        if (net.trainsOnAnotherForm()) {
            net.setP(Double.POSITIVE_INFINITY);
            net.recalibrate(Batches.of(data.train().size(), EVAL_BATCH, null).stream()
                    .map(positions -> norm.apply(data.train().subset(positions).images())).toList());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation watched = new Certifier(net, norm).evaluate(data.monitor(), config.eps());
        out.printf(Locale.ROOT, "epoch %3d/%d  p %-6s  %6.0f samples/s  loss %.4f  train acc %.3f  eps_train %.3f"
                        + "  | %s acc %.3f  certified@%.3f %.3f%n",
                epoch + 1, config.epochs(), Double.isInfinite(p) ? "inf" : String.format(Locale.ROOT, "%.0f", p),
                data.train().size() / seconds, pass.meanLoss(), pass.accuracy(), epsTrain, data.monitored(),
                watched.accuracy(), config.eps(), watched.certifiedAccuracy());
        Map<String, Double> line = new LinkedHashMap<>();
        line.put("epoch", epoch + 1.0);
        line.put("p", p);
        line.put("seconds", seconds);
        line.put("loss", pass.meanLoss());
        line.put("train_accuracy", pass.accuracy());
        line.put("eps_train", epsTrain);
        line.put(data.monitored() + "_accuracy", watched.accuracy());
        line.put(data.monitored() + "_certified", watched.certifiedAccuracy());
        line.put("eps", config.eps());
        return line;
    }

    /** What one pass over the training set saw: accuracy of the clean logits and the mean loss. */
    private record Pass(double accuracy, double meanLoss) {}

    /**
     * One epoch of steps over shuffled batches, with a progress bar on a terminal. A loss that is not finite stops
     * the run before the optimiser or a checkpoint takes it in.
     */
    private Pass trainEpoch(Run run, Dataset train, Normalization norm, int epoch, Objective.Epoch schedule,
                            boolean augment) throws IOException {
        // one generator per epoch, so that a resumed run shuffles and crops as the uninterrupted one
        Random rng = new Random(config.seed() * 1_000_003L + epoch);
        long start = System.nanoTime();
        List<int[]> batches = Batches.of(train.size(), config.batchSize(), rng);
        ProgressBar bar = new ProgressBar(out);
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        for (int k = 0; k < batches.size(); k++) {
            Dataset batch = train.subset(batches.get(k));
            Tensor images = augment ? Augment.randomCrop(batch.images(), 28, 28, rng) : batch.images();
            try (Tape tape = Tape.open()) {
                Objective.Step step = run.objective().step(run.net(), Var.constant(norm.apply(images)), batch.labels(),
                        schedule);
                double loss = step.loss().value().item();
                if (!Double.isFinite(loss)) {
                    throw new IOException(String.format(Locale.ROOT, "training diverged: the loss is %s in epoch %d, "
                            + "step %d; stopped before writing anything of this epoch (lower --lr, or --p)", loss, epoch + 1, k + 1));
                }
                tape.backward(step.loss());
                lossSum += loss * batch.size();
                correct += correct(step.logits().value(), batch.labels());
                seen += batch.size();
            }
            run.optimizer().step(Schedules.cosine(config.lr(), epoch + (double) k / batches.size(), config.epochs()));
            run.optimizer().zeroGrad();
            bar.update(epoch + 1, config.epochs(), k + 1, batches.size(), seen / ((System.nanoTime() - start) / 1e9),
                    lossSum / seen);
        }
        bar.clear();
        return new Pass((double) correct / seen, lossSum / seen);
    }

    private static int correct(Tensor logits, int[] labels) {
        int[] predicted = Backends.current().max(logits, 1).indices();
        int correct = 0;
        for (int b = 0; b < labels.length; b++) {
            correct += predicted[b] == labels[b] ? 1 : 0;
        }
        return correct;
    }

    /** The checkpoint after an epoch: the network, the optimiser's and the loss's state, the run's metadata. */
    private void save(Path checkpoint, Run run, Normalization norm, int epoch) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>(run.optimizer().state());
        run.objective().parameters().forEach((name, v) -> state.put(name, v.value()));
        Checkpoint.save(checkpoint, run.net(), norm, Map.of("dataset", config.dataset(), "epoch",
                Integer.toString(epoch + 1), "seed", Long.toString(config.seed()), "optimizer", config.optimizer(),
                "loss", run.objective().name()), state);
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

    /** The checkpoint to resume from, checked against this run's model, optimiser and loss. */
    private Checkpoint.Loaded resumable(Path checkpoint, ModelSpec spec, Objective objective) throws IOException {
        if (!Files.exists(checkpoint)) {
            throw new IOException("--resume: there is no " + checkpoint + " to resume from; drop --resume to start afresh");
        }
        Optional<String> problem = FileProblems.ofInput(checkpoint);
        if (problem.isPresent()) {
            throw new IOException("--resume: " + problem.get());
        }
        Checkpoint.Loaded loaded = Checkpoint.load(checkpoint);
        boolean sameRun = loaded.network().spec().equals(spec)
                && config.optimizer().equals(loaded.metadata().get("optimizer"))
                && objective.name().equals(loaded.metadata().get("loss"))
                && loaded.extra().keySet().containsAll(objective.parameters().keySet());
        if (!sameRun) {
            throw new IOException("--resume: " + checkpoint + " holds " + loaded.network().spec().format() + " trained "
                    + "with " + loaded.metadata().get("optimizer") + " on loss " + loaded.metadata().get("loss")
                    + ", not " + spec.format() + " with " + config.optimizer() + " on loss " + objective.name());
        }
        return loaded;
    }
}
