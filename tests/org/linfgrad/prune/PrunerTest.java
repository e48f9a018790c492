package org.linfgrad.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.autograd.Var;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Pgd;
import org.linfgrad.certify.Report;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.io.Checkpoint;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.nn.LinfDist;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.nn.Sequential;
import org.linfgrad.nn.SparseLinfDist;
import org.linfgrad.tensor.Tensor;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;

class PrunerTest {
    @TempDir
    static Path dir;

    private static Network trained;
    private static Normalization norm;
    private static DataSets.Split digits;

    @BeforeAll
    static void trainASmallNet() throws IOException {
        TrainConfig config = TrainConfig.builder("digits").model("dist:linf:4x64").epochs(20)
                .seed(5).out(dir).build();
        trained = new Trainer(config, new PrintStream(new ByteArrayOutputStream())).run().network();
        digits = DataSets.digits();
        norm = Normalization.of(digits.train());
    }

    /**
     * One neuron with w = 0 over three inputs, for every neuron type that selects the second smallest: the
     * samples' second smallest inputs are 1, 1 (a tie at 0: ranks follow the index), 1 (a three-way tie) and 0.
     */
    @Test
    void orderStatisticNeuronsCountTheInputsTheySelect() {
        Tensor images = Tensor.matrix(new float[] {1, 0.5f, 0}, new float[] {0, 0, 1}, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.2f, 0.9f, 0.1f});
        Dataset data = new Dataset("tiny", images, new int[] {0, 1, 0, 1}, 1, 3, 2);
        Var w = Var.constant(Tensor.zeros(1, 3));
        assertThat(countsOf(ModelSpec.Neuron.ORDERSTAT, OrderStat.ranks(w, null, 2), data)).containsExactly(1, 3, 0);
        assertThat(countsOf(ModelSpec.Neuron.MEDIAN, OrderStat.median(w, null), data)).containsExactly(1, 3, 0);
        WeightedOrderStat weighted = new WeightedOrderStat(w, null, Var.constant(Tensor.zeros(1, 3)),
                Var.constant(Tensor.zeros(1))); // equal edge weights and q = 1/2: the middle one of three
        assertThat(countsOf(ModelSpec.Neuron.WEIGHTED, weighted, data)).containsExactly(1, 3, 0);
        SoftOrderStat soft = new SoftOrderStat(w, null, Var.constant(Tensor.zeros(1)), SoftOrderStat.Kernel.LAPLACE);
        soft.setTemperature(0.01); // R = 2: all the weight on rank 2
        assertThat(countsOf(ModelSpec.Neuron.SOFTORDER, soft, data)).containsExactly(1, 3, 0);
        soft.setTemperature(100); // every rank above the floor: every input counted once per sample
        assertThat(countsOf(ModelSpec.Neuron.SOFTORDER, soft, data)).containsExactly(4, 4, 4);
        // the even median counts both middle ranks: sorted |x| of {0.4, 0.1, 0.3, 0.2} are inputs 1, 3, 2, 0
        Dataset four = new Dataset("four", Tensor.matrix(new float[] {0.4f, 0.1f, 0.3f, 0.2f}), new int[] {0}, 1, 4, 2);
        assertThat(countsOf(ModelSpec.Neuron.MEDIAN, OrderStat.median(Var.constant(Tensor.zeros(1, 4)), null), four))
                .containsExactly(0, 0, 1, 1);
    }

    @Test
    void theSweepStartsDenseAndItsSummaryKeepsBothAccuraciesWithinTheTolerance() {
        List<PruneSweep.Point> sweep = PruneSweep.run(trained, EdgeUsage.count(trained, digits.train(), norm),
                digits.test(), norm, norm.radius(0.1));
        assertThat(sweep.getFirst().threshold()).isZero();
        assertThat(sweep.getFirst().keptFraction()).isEqualTo(1.0);
        assertThat(sweep).extracting(PruneSweep.Point::keptFraction)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<PruneSweep.Point> points = List.of(new PruneSweep.Point(0, 1, 0.80, 0.70),
                new PruneSweep.Point(1, 0.10, 0.801, 0.696), new PruneSweep.Point(2, 0.05, 0.81, 0.69),
                new PruneSweep.Point(5, 0.01, 0.70, 0.60));
        // threshold 2 gains clean accuracy but loses a point certified: threshold 1 is the largest removal
        assertThat(PruneSweep.largestRemovalWithin(points, 0.005)).contains(points.get(1));
    }

    private static int[] countsOf(ModelSpec.Neuron neuron, org.linfgrad.nn.Layer layer, Dataset data) {
        Network net = Network.of(new ModelSpec(ModelSpec.Kind.DIST, neuron, 1, 1, data.features(), 2),
                new Sequential(layer));
        return EdgeUsage.count(net, data, new Normalization(0, 1)).perLayer().get(0);
    }

    @Test
    void countsFollowTheArgmaxOfEverySample() {
        // one neuron, w = 0: the argmax of |x_i| is the index of the largest magnitude, the first among ties
        Network net = Network.of(new ModelSpec(ModelSpec.Kind.DIST, ModelSpec.Neuron.LINF, 1, 1, 3, 2),
                new Sequential(new LinfDist(Var.constant(Tensor.zeros(2, 3)), null)));
        Tensor images = Tensor.matrix(new float[] {1, 0.5f, 0}, new float[] {0, 0, 1}, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.2f, 0.9f, 0.1f});
        Dataset data = new Dataset("tiny", images, new int[] {0, 1, 0, 1}, 1, 3, 2);
        EdgeUsage.Counts counts = EdgeUsage.count(net, data, new Normalization(0, 1));
        assertThat(counts.perLayer().get(0)).containsExactly(2, 1, 1, 2, 1, 1);
        assertThat(counts.samples()).isEqualTo(4);
    }

    @Test
    void everySampleCountsOncePerNeuron() {
        EdgeUsage.Counts counts = EdgeUsage.count(trained, digits.train(), norm);
        List<int[]> perLayer = counts.perLayer();
        for (int k = 0; k < perLayer.size(); k++) {
            if (perLayer.get(k) != null) {
                long total = java.util.Arrays.stream(perLayer.get(k)).asLongStream().sum();
                int neurons = ((LinfDist) trained.body().layers().get(k)).weight().shape()[0];
                assertThat(total).isEqualTo((long) neurons * digits.train().size());
            }
        }
    }

    @Test
    void edgesNeverTheArgmaxOnTheTrainingSetCanGoWithoutChangingItsOutputs() {
        EdgeUsage.Counts counts = EdgeUsage.count(trained, digits.train(), norm);
        Network pruned = Pruner.prune(trained, counts, 1);
        assertThat(pruned.body().layers()).filteredOn(l -> l instanceof SparseLinfDist).hasSize(4);
        Tensor x = norm.apply(digits.train().images());
        trained.setTraining(false);
        assertThat(pruned.predict(x)).isEqualTo(trained.predict(x));
        List<long[]> kept = Pruner.edgesKept(pruned);
        assertThat(kept.get(kept.size() - 1)[0]).isLessThan(kept.get(kept.size() - 1)[1] / 4);
    }

    @Test
    void keepingAFractionKeepsAtMostThatFraction() {
        EdgeUsage.Counts counts = EdgeUsage.count(trained, digits.train(), norm);
        for (double fraction : new double[] {1, 0.3, 0.05, 0.001}) {
            Network pruned = Pruner.prune(trained, counts, Pruner.thresholdForKeeping(trained, counts, fraction));
            List<long[]> kept = Pruner.edgesKept(pruned);
            long[] overall = kept.get(kept.size() - 1);
            assertThat((double) overall[0] / overall[1]).isLessThanOrEqualTo(fraction);
        }
    }

    @Test
    void aPrunedNetFineTunesAndStaysSparse() throws IOException {
        EdgeUsage.Counts counts = EdgeUsage.count(trained, digits.train(), norm);
        Network pruned = Pruner.prune(trained, counts, 1);
        Path start = dir.resolve("to-finetune.safetensors");
        Checkpoint.save(start, pruned, norm, Map.of("dataset", "digits"));
        TrainConfig finetune = TrainConfig.builder("digits").model("dist:linf:4x64").epochs(2)
                .lr(0.002).fixedP(Double.POSITIVE_INFINITY).seed(5).out(dir.resolve("finetuned"))
                .init(start).build();
        Trainer.Result result = new Trainer(finetune, new PrintStream(new ByteArrayOutputStream())).run();
        List<long[]> kept = Pruner.edgesKept(Checkpoint.load(result.checkpoint()).network());
        assertThat(kept.get(kept.size() - 1)).containsExactly(Pruner.edgesKept(pruned).get(kept.size() - 1));
        assertThat(result.test().accuracy()).isGreaterThan(0.5);
    }

    @Test
    void prunedNetsCertifySoundlyAndRoundTripThroughCheckpoints() throws IOException {
        EdgeUsage.Counts counts = EdgeUsage.count(trained, digits.train(), norm);
        Network pruned = Pruner.prune(trained, counts, Pruner.thresholdForKeeping(trained, counts, 0.01));
        Report report = Report.of(0.1, new Certifier(pruned, norm, new Pgd(40, 0.05f, 3, 2), 2)
                .run(digits.test(), 0.1), List.of());
        assertThat(report.violations()).isZero();
        assertThat(report.certified()).isLessThanOrEqualTo(report.attack());
        Path file = dir.resolve("pruned.safetensors");
        Checkpoint.save(file, pruned, norm, Map.of("dataset", "digits"));
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        Tensor x = norm.apply(digits.test().images());
        assertThat(loaded.network().predict(x)).isEqualTo(pruned.predict(x));
        assertThat(Pruner.edgesKept(loaded.network())).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(Pruner.edgesKept(pruned));
    }
}
