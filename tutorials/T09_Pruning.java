// Tutorial 09: pruning most of the edges. Run:
//     ./linfgrad tutorials/T09_Pruning.java   (trains a small net first, about 3 seconds)
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.linfgrad.certify.Certifier;
import org.linfgrad.certify.Evaluation;
import org.linfgrad.data.DataSets;
import org.linfgrad.data.Normalization;
import org.linfgrad.model.Network;
import org.linfgrad.prune.EdgeUsage;
import org.linfgrad.prune.Pruner;
import org.linfgrad.train.TrainConfig;
import org.linfgrad.train.Trainer;

void main() throws Exception {
    TrainConfig config = TrainConfig.builder("digits").model("dist:linf:3x64").epochs(24)
            .out(Path.of("runs/tutorials/09")).build();
    Network net = new Trainer(config, new PrintStream(OutputStream.nullOutputStream())).run().network();
    DataSets.Split digits = DataSets.digits();
    Normalization norm = Normalization.of(digits.train());

    // 1. Count, for every edge (neuron j, input i), how many training samples have i as the argmax of |x_i - w_ji|.
    EdgeUsage.Counts counts = EdgeUsage.count(net, digits.train(), norm);
    // 2. Keep the edges that were the argmax at least once; the layers become sparse distance layers.
    Network pruned = Pruner.prune(net, counts, 1);

    List<long[]> before = Pruner.edgesKept(net);
    List<long[]> after = Pruner.edgesKept(pruned);
    for (int layer = 0; layer < after.size(); layer++) {
        String name = layer == after.size() - 1 ? "all layers" : "layer " + (layer + 1);
        IO.println(String.format("%-10s kept %6d of %6d edges (%.1f %%)", name, after.get(layer)[0],
                before.get(layer)[1], 100.0 * after.get(layer)[0] / before.get(layer)[1]));
    }
    Evaluation dense = new Certifier(net, norm).evaluate(digits.test(), 0.1);
    Evaluation sparse = new Certifier(pruned, norm).evaluate(digits.test(), 0.1);
    IO.println(String.format("test: clean %.1f %% -> %.1f %%, certified %.1f %% -> %.1f %%", 100 * dense.accuracy(),
            100 * sparse.accuracy(), 100 * dense.certifiedAccuracy(), 100 * sparse.certifiedAccuracy()));
    long[] overall = after.getLast();
    if (overall[0] > overall[1] / 5 || sparse.accuracy() < dense.accuracy() - 0.05) {
        throw new AssertionError("most edges should go, at little cost in accuracy");
    }
}
