// Tutorial 04: order-statistic neurons: median, r-th, and the soft order statistic with a learnable rank.
// Run:  ./linfgrad tutorials/T04_OrderStatistics.java   (writes runs/tutorials/04-soft-rank-weights.png)
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.linfgrad.autograd.Var;
import org.linfgrad.io.LineChart;
import org.linfgrad.nn.OrderStat;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.tensor.Tensor;

void main() throws Exception {
    Random rng = new Random(4);
    int n = 9;
    Var x = Var.constant(Tensor.randn(rng, 1, n));

    // 1. Hard order statistics of z_i = x_i - w_i: the 3rd smallest, and the median.
    OrderStat third = OrderStat.kth(n, 1, 3, false, rng);
    float[] z = new float[n];
    for (int i = 0; i < n; i++) {
        z[i] = x.value().data()[i] - third.weight().value().data()[i];
    }
    float[] sorted = z.clone();
    Arrays.sort(sorted);
    IO.println("sorted z            " + Arrays.toString(sorted));
    IO.println("3rd order statistic " + third.forward(x).value().item() + " (sorted[2] = " + sorted[2] + ")");
    OrderStat median = OrderStat.median(third.weight(), null);
    IO.println("median              " + median.forward(x).value().item() + " (sorted[4] = " + sorted[4] + ")");

    // 2. The soft order statistic: y = sum_r a_r sorted_r(z), with a_r = softmax_r(-|R - r| / tau) around a
    //    learnable rank R = 1 + (n - 1) sigmoid(r). As tau shrinks, a concentrates on the rank nearest R.
    float rankLogit = (float) Math.log(0.3 / 0.7); // R = 1 + 8 * 0.3 = 3.4
    SoftOrderStat soft = new SoftOrderStat(third.weight(), null, Var.param(Tensor.vector(rankLogit)),
            SoftOrderStat.Kernel.LAPLACE);
    double rank = soft.rank().value().item();
    IO.println(String.format("learnable rank R = %.3f", rank));
    double[] positions = new double[n];
    for (int r = 0; r < n; r++) {
        positions[r] = r + 1;
    }
    List<LineChart.Series> curves = new ArrayList<>();
    for (double tau : new double[] {4, 1, 0.25, 0.02}) {
        soft.setTemperature(tau);
        float[] a = soft.mixture().value().data();
        double[] weights = new double[n];
        for (int r = 0; r < n; r++) {
            weights[r] = a[r];
        }
        curves.add(new LineChart.Series("tau = " + tau, weights));
        IO.println(String.format("tau %-5s weights %s", tau, Arrays.toString(Arrays.stream(weights)
                .map(w -> Math.round(w * 1000) / 1000.0).toArray())));
    }
    Path png = Path.of("runs/tutorials/04-soft-rank-weights.png");
    LineChart.write(png, List.of(LineChart.Panel.of("soft order statistic: weight a_r of rank r", "rank r",
            "weight a_r", positions, curves, 0, 1)));
    IO.println("wrote " + png + " and " + LineChart.svgBeside(png));
    int nearest = (int) Math.round(rank);
    if (soft.mixture().value().data()[nearest - 1] < 0.99) {
        throw new AssertionError("at tau 0.02 the weights should sit on rank " + nearest);
    }
}
