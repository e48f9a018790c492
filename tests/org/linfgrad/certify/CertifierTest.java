package org.linfgrad.certify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.autograd.Var;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;

class CertifierTest {
    @TempDir
    static Path dir;

    private static Network trained;
    private static Normalization norm;
    private static Dataset test;

    @BeforeAll
    static void trainASmallNet() throws IOException {
        TrainConfig config = TrainConfig.builder("digits").model("dist:linf:4x64").epochs(20)
                .seed(3).out(dir).build();
        trained = new Trainer(config, new PrintStream(new ByteArrayOutputStream())).run().network();
        norm = Normalization.of(DataSets.digits().train());
        test = DataSets.digits().test();
    }

    private static Pgd strongAttack() {
        return new Pgd(40, 0.05f, 3, 11);
    }

    @Test
    void certifiedPointsSurviveEveryAttackAndTheAccuraciesAreOrdered() {
        Certifier certifier = new Certifier(trained, norm, strongAttack(), 2);
        List<Certifier.Point> points = certifier.run(test, 0.1);
        Report report = Report.of(0.1, points, List.of());
        assertThat(report.certified()).isGreaterThan(0.3);
        assertThat(report.violations()).isZero();
        assertThat(report.certified()).isLessThanOrEqualTo(report.attack());
        assertThat(report.attack()).isLessThanOrEqualTo(report.clean());
        assertThat(report.attack()).as("the attack must find something").isLessThan(report.clean());
    }

    @Test
    void theRunReportsEveryAttackStepOfEveryBatchAndEveryBatchDone() {
        Dataset some = test.subset(java.util.stream.IntStream.range(0, 300).toArray()); // two batches
        List<String> said = new java.util.ArrayList<>();
        new Certifier(trained, norm, new Pgd(3, 0.05f, 2, 11), 2).run(some, 0.1, new Certifier.Progress() {
            @Override
            public void pointsDone(int done) {
                said.add("done " + done);
            }

            @Override
            public void attackStepped(int first, int last, int restart, int step) {
                said.add(first + "-" + last + " r" + restart + " s" + step);
            }
        });
        List<String> expected = new java.util.ArrayList<>();
        int[][] batches = {{1, Certifier.BATCH}, {Certifier.BATCH + 1, 300}};
        for (int[] batch : batches) {
            for (int restart = 1; restart <= 2; restart++) {
                for (int step = 1; step <= 3; step++) {
                    expected.add(batch[0] + "-" + batch[1] + " r" + restart + " s" + step);
                }
            }
            expected.add("done " + batch[1]);
        }
        assertThat(said).containsExactlyElementsOf(expected);
    }

    @Test
    void thePlantedUnsoundRuleOfOneEpsIsCaught() {
        // certifying margins above 1 eps instead of 2 eps claims points an attack of radius eps can break
        Certifier unsound = new Certifier(trained, norm, strongAttack(), 1);
        Report report = Report.of(0.1, unsound.run(test, 0.1), List.of());
        assertThat(report.violations()).isPositive();
    }

    @Test
    void intervalBoundsContainEveryPointOfTheBoxForEveryLayerKind() {
        Random rng = new Random(4);
        for (ModelSpec.Neuron neuron : ModelSpec.Neuron.values()) {
            for (ModelSpec.Kind kind : ModelSpec.Kind.values()) {
                Network net = Network.create(new ModelSpec(kind, neuron, 3, 12, 8, 4), rng);
                net.setTraining(true);
                net.predict(Tensor.randn(rng, 32, 8)); // fills the running means
                net.setTraining(false);
                Tensor x = Tensor.randn(rng, 5, 8);
                Box box = Box.around(x, 0.3f, -10, 10);
                Box out = IntervalBounds.propagate(net.body(), box);
                for (int t = 0; t < 50; t++) {
                    float[] inside = new float[x.size()];
                    for (int i = 0; i < inside.length; i++) {
                        float l = box.lower().data()[i];
                        inside[i] = t % 2 == 0 ? l + rng.nextFloat() * (box.upper().data()[i] - l)
                                : rng.nextBoolean() ? l : box.upper().data()[i];
                    }
                    Tensor y = net.body().forward(Var.constant(Tensor.of(inside, x.shape()))).value();
                    for (int e = 0; e < y.size(); e++) {
                        assertThat(y.data()[e]).as(kind + " " + neuron)
                                .isBetween(out.lower().data()[e] - 1e-5f, out.upper().data()[e] + 1e-5f);
                    }
                }
            }
        }
    }

    @Test
    void theIntervalGapOfAHybridNeverExceedsAMarginInsideTheBox() {
        Random rng = new Random(9);
        for (ModelSpec.Neuron neuron : ModelSpec.Neuron.values()) {
            Network net = Network.create(new ModelSpec(ModelSpec.Kind.HYBRID, neuron, 2, 16, 8, 5), rng);
            net.setTraining(true);
            net.predict(Tensor.randn(rng, 32, 8));
            net.setTraining(false);
            Tensor x = Tensor.randn(rng, 6, 8);
            int[] labels = {0, 1, 2, 3, 4, 0};
            Box box = Box.around(x, 0.2f, -10, 10);
            float[] gap = new Certifier(net, new Normalization(0, 1)).intervalLowerGap(box, labels);
            for (int t = 0; t < 100; t++) {
                float[] inside = new float[x.size()];
                for (int i = 0; i < inside.length; i++) {
                    float l = box.lower().data()[i];
                    inside[i] = t % 2 == 0 ? l + rng.nextFloat() * (box.upper().data()[i] - l)
                            : rng.nextBoolean() ? l : box.upper().data()[i];
                }
                Tensor logits = net.predict(Tensor.of(inside, x.shape()));
                for (int b = 0; b < labels.length; b++) {
                    assertThat((double) gap[b]).as(neuron + " sample " + b)
                            .isLessThanOrEqualTo(Certifier.margin(logits, b, labels[b]));
                }
            }
        }
    }

    @Test
    void aHybridTrainedOnIntervalBoundsCertifiesSoundly() throws IOException {
        TrainConfig config = TrainConfig.builder("digits").model("hybrid:linf:3x32").epochs(6).eps(0.05).seed(3)
                .out(dir.resolve("hybrid-ibp")).build();
        Network hybrid = new Trainer(config, new PrintStream(new ByteArrayOutputStream())).run().network();
        Report report = Report.of(0.05, new Certifier(hybrid, norm, strongAttack(), 2).run(test, 0.05), List.of());
        assertThat(report.interval()).as("trained on its bound, it certifies").isGreaterThan(0.5);
        assertThat(report.margin()).isZero();
        assertThat(report.violations()).isZero();
    }

    @Test
    void checkpointsOfEveryNeuronTypeCertifySoundly() throws IOException {
        Dataset few = test.subset(java.util.stream.IntStream.range(0, 60).toArray());
        for (ModelSpec.Neuron neuron : ModelSpec.Neuron.values()) {
            String spec = "dist:" + neuron.name().toLowerCase() + ":3x24";
            TrainConfig config = TrainConfig.builder("digits").model(spec).epochs(2).seed(3)
                    .out(dir.resolve(neuron.name())).build();
            Trainer.Result result = new Trainer(config, new PrintStream(new ByteArrayOutputStream())).run();
            org.linfgrad.io.Checkpoint.Loaded loaded = org.linfgrad.io.Checkpoint.load(result.checkpoint());
            Report report = Report.of(0.05, new Certifier(loaded.network(), loaded.normalization(), strongAttack(), 2)
                    .run(few, 0.05), List.of());
            assertThat(report.violations()).as(spec).isZero();
            assertThat(report.certified()).as(spec).isLessThanOrEqualTo(report.attack());
            assertThat(report.attack()).as(spec).isLessThanOrEqualTo(report.clean());
        }
    }

    @Test
    void hybridNetsAreCertifiedByIntervalsOnly() throws IOException {
        TrainConfig config = TrainConfig.builder("digits").model("hybrid:linf:2x32").epochs(4)
                .loss("ce").eps(0.05).seed(3).out(dir.resolve("hybrid")).build();
        Network hybrid = new Trainer(config, new PrintStream(new ByteArrayOutputStream())).run().network();
        List<Certifier.Point> points = new Certifier(hybrid, norm, strongAttack(), 2).run(test, 0.02);
        assertThat(points).noneMatch(Certifier.Point::marginCertified);
        assertThat(points).noneMatch(p -> p.certified() && !p.attackRobust());
    }
}
