// Tutorial 07: training a certifiably robust classifier, by hand. Run:
//     ./linfgrad tutorials/T07_Training.java
import java.util.Random;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Evaluation;
import org.linfgrad.data.Batches;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Dataset;
import org.linfgrad.data.Normalization;
import org.linfgrad.loss.Losses;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;
import org.linfgrad.optim.Adam;

void main() {
    DataSets.Split digits = DataSets.digits();  // 8 x 8 digits, embedded in the jar: 1437 to train, 360 to test
    Normalization norm = Normalization.of(digits.train());
    float eps = norm.radius(0.1);               // eps = 0.1 in pixel units, in normalised units
    Random rng = new Random(7);
    Network net = Network.create(ModelSpec.parse("dist:linf:3x64", 64, 10), rng);
    Adam adam = new Adam(net.parameters().values());

    int epochs = 24;
    for (int epoch = 0; epoch < epochs; epoch++) {
        // p doubles from 8 every 4 epochs and is infinity for the last quarter: the relaxation of tutorial 03.
        double p = epoch >= 3 * epochs / 4 ? Double.POSITIVE_INFINITY : 8 * Math.pow(2, epoch / 4);
        net.setP(p);
        net.setTraining(true);
        double lr = 0.02 * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs)); // cosine decay
        for (int[] positions : Batches.of(digits.train().size(), 64, rng)) {
            Dataset batch = digits.train().subset(positions);
            try (Tape tape = Tape.open()) {
                Var logits = net.logits(Var.constant(norm.apply(batch.images())));
                // The hinge on the certified margin: push f_y - max_{j != y} f_j above 2 eps + theta.
                Var loss = Losses.hinge(logits, batch.labels(), eps, 2 * eps);
                adam.zeroGrad();
                tape.backward(loss);
            }
            adam.step(lr);
        }
        if (epoch % 6 == 5 || epoch == epochs - 1) {
            Evaluation test = new Certifier(net, norm).evaluate(digits.test(), 0.1);
            IO.println(String.format("epoch %2d  p %-8s clean %5.1f %%  certified at 0.1 %5.1f %%", epoch + 1,
                    Double.isInfinite(p) ? "inf" : String.valueOf((int) p), 100 * test.accuracy(),
                    100 * test.certifiedAccuracy()));
        }
    }
    Evaluation test = new Certifier(net, norm).evaluate(digits.test(), 0.1);
    if (test.certifiedAccuracy() < 0.3) {
        throw new AssertionError("a few epochs should certify a good part of the test set");
    }
}
