// Tutorial 08: certifying: margins, interval bounds, and attacks. Run:
//     ./linfgrad tutorials/T08_Certifying.java   (trains a small net first, about 3 seconds)
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.linfgrad.certify.Box;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.IntervalBounds;
import org.linfgrad.certify.Pgd;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.tensor.Tensor;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;

void main() throws Exception {
    TrainConfig config = TrainConfig.builder("digits").model("dist:linf:3x64").epochs(24)
            .out(Path.of("runs/tutorials/08")).build();
    Network net = new Trainer(config, new PrintStream(OutputStream.nullOutputStream())).run().network();
    DataSets.Split digits = DataSets.digits();
    Normalization norm = Normalization.of(digits.train());
    double eps = 0.1;
    float radius = norm.radius(eps);

    // 1. The margin certificate of one test image: the net is 1-Lipschitz, so f_y - max_{j != y} f_j > 2 eps
    //    proves that no perturbation of size eps changes the answer.
    Dataset one = digits.test().subset(new int[] {0});
    Tensor x = norm.apply(one.images());
    float[] f = net.predict(x).data();
    int label = one.labels()[0];
    float bestOther = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < f.length; j++) {
        bestOther = j == label ? bestOther : Math.max(bestOther, f[j]);
    }
    IO.println(String.format("image 0, label %d: margin %.3f against 2 eps = %.3f: %s", label, f[label] - bestOther,
            2 * radius, f[label] - bestOther > 2 * radius ? "certified" : "not certified by the margin"));

    // 2. Interval bounds: push the whole box of inputs through the layers. The scores are the negated
    //    distances of the last layer, so f_y >= -upper_y and f_j <= -lower_j.
    Box box = Box.around(x, radius, norm.value(0), norm.value(1));
    Box out = IntervalBounds.propagate(net.body(), box);
    float worstOther = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < f.length; j++) {
        worstOther = j == label ? worstOther : Math.max(worstOther, -out.lower().data()[j]);
    }
    IO.println(String.format("interval bounds: f_y >= %.3f, every other f_j <= %.3f", -out.upper().data()[label],
            worstOther));

    // 3. The whole test set: both certificates, and a PGD attack as an upper bound on robustness.
    Pgd pgd = new Pgd(20, norm.radius(2.5 * eps / 20), 1, 1);
    List<Certifier.Point> points = new Certifier(net, norm, pgd, 2).run(digits.test(), eps);
    long clean = points.stream().filter(Certifier.Point::correct).count();
    long attacked = points.stream().filter(p -> p.correct() && p.attackRobust()).count();
    long margin = points.stream().filter(p -> p.correct() && p.marginCertified()).count();
    long certified = points.stream().filter(Certifier.Point::certified).count();
    long violations = points.stream().filter(p -> p.certified() && !p.attackRobust()).count();
    IO.println(String.format("of %d: clean %d, survive PGD %d, margin-certified %d, certified %d, violations %d",
            points.size(), clean, attacked, margin, certified, violations));
    if (violations > 0 || certified > attacked || attacked > clean) {
        throw new AssertionError("expected certified <= PGD-robust <= clean and no certified point broken");
    }
}
