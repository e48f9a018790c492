package org.linfgrad.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.Var;
import org.linfgrad.autograd.functions.LinfDistance;
import org.linfgrad.autograd.functions.LpDistance;
import org.linfgrad.autograd.functions.MatMul;
import org.linfgrad.autograd.functions.SoftOrderStatistic;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.nn.SoftOrderStat;
import org.linfgrad.nn.WeightedOrderStat;
import org.linfgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linfgrad bench}: times the hot kernels on the chosen backend and on the reference backend in the same
 * run, for B x N x M = 256 x 1024 x 1024 and 512 x 784 x 1024. Distance kernels report G elements per second
 * (B N M / time), matmul GFLOP/s (2 B N M / time, three matmuls for forward+backward). Each figure is the
 * best of at least --repeat timed runs and of a second of them (one run for the reference) after a warm-up of
 * at least a second. The order statistics select in or sort every (sample, neuron) row, which the reference does slowly: the hard ones
 * and the soft one (with the layer's weights at the start of training) are timed on the first 64 samples, and
 * their rates count those samples only. The L-p forward+backward, at every p of the training schedule (8, 16, ...,
 * 1024), is timed on the whole batch, its reference on the first 64 samples (the ratio compares the rates).
 * After the table, the rows with a ceiling are printed as ratios to it, measured by {@link Ceilings} right
 * after the row was timed: the L-inf forward against a C kernel, matmul against numpy's sgemm.
 */
@Command(name = "bench", sortOptions = false,
        description = "Time the hot kernels on the chosen backend against the reference backend.")
final class BenchCommand implements Subcommand {
    private static final int[][] SIZES = {{256, 1024, 1024}, {512, 784, 1024}};
    /** The hard order statistics select in every (sample, neuron) row: timed on this many samples only. */
    private static final int HARD_ORDER_SAMPLES = 64;
    /** The reference's L-p forward+backward takes seconds: it is timed on this many samples only. */
    private static final int LP_REFERENCE_SAMPLES = 64;
    /** The soft order statistic selects in (the reference: sorts) every row: timed on this many samples only. */
    private static final int SOFT_ORDER_SAMPLES = 64;
    private static final double WARM_UP_SECONDS = 1;
    private static final int WARM_UP_RUNS = 3;
    private static final double TIMING_SECONDS = 1;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "timed runs of each kernel at least, and a second of them; the best one counts "
                    + "(default: ${DEFAULT-VALUE})")
    int repeat;
    @Option(names = "--only", paramLabel = "TEXT", defaultValue = "",
            description = "time only the kernels whose name contains TEXT (default: all)")
    String only;

    /** The first two columns of every table: the kernel's name and its B x N x M. */
    private static final String KERNEL_AND_SIZE = "%-44s %-14s ";

    /**
     * One benchmark: its name, its unit's work, the work to time on a backend, the name of its ceiling figure in
     * {@link Ceilings} (null for none), and the smaller case the reference backend times instead (null: this
     * one), for a kernel the reference would take many seconds over.
     */
    private record Case(String name, String unit, double work, Runnable run, String ceiling, Case onReference) {
        Case(String name, String unit, double work, Runnable run) {
            this(name, unit, work, run, null, null);
        }

        Case(String name, String unit, double work, Runnable run, String ceiling) {
            this(name, unit, work, run, ceiling, null);
        }

        Case reference() {
            return onReference == null ? this : onReference;
        }
    }

    /** A timed row and its ceiling, kept for the ratio table. */
    private record Timed(Case c, int[] size, double seconds, Ceilings.Figure ceiling) {}

    @Override
    public int run(PrintStream out) {
        if (repeat < 1) {
            throw new UsageException("--repeat must be at least 1, got " + repeat);
        }
        List<String> kernels = cases(2, 16, 16).stream().map(Case::name).toList();
        if (kernels.stream().noneMatch(name -> name.contains(only))) {
            throw new UsageException("--only '" + only + "' matches no kernel; the kernels are '"
                    + String.join("', '", kernels) + "'");
        }
        Backend fast = Backends.current();
        Backend reference = Backends.byName("reference");
        out.printf("backend %s (best of %d runs or more, for 1 s) against reference (1 run), %d cores, "
                + "1 s warm-up each%n%n",
                fast.name(), repeat, Runtime.getRuntime().availableProcessors());
        out.printf(KERNEL_AND_SIZE + "%10s %14s %10s %14s %7s%n", "kernel", "B x N x M", fast.name() + " ms", "rate",
                "ref ms", "ref rate", "ratio");
        Ceilings ceilings = new Ceilings(Runtime.getRuntime().availableProcessors());
        List<Timed> withCeilings = new ArrayList<>();
        for (int[] size : SIZES) {
            for (Case c : cases(size[0], size[1], size[2])) {
                if (!c.name().contains(only)) {
                    continue;
                }
                double fastSeconds = time(fast, c.run(), repeat, TIMING_SECONDS);
                Ceilings.Figure ceiling = c.ceiling() == null ? null : ceilings.measure(c.ceiling(), size);
                if (ceiling != null) {
                    withCeilings.add(new Timed(c, size, fastSeconds, ceiling));
                }
                double refSeconds = time(reference, c.reference().run(), 1, 0);
                double refRate = c.reference().work() / refSeconds / 1e9;
                out.printf(KERNEL_AND_SIZE + "%10.1f %14s %10.1f %14s %6.1fx%n", c.name(),
                        size[0] + "x" + size[1] + "x" + size[2], fastSeconds * 1e3,
                        rate(c, fastSeconds), refSeconds * 1e3, rate(c.reference(), refSeconds),
                        c.work() / fastSeconds / 1e9 / refRate);
            }
        }
        Backends.use(fast);
        printRatios(out, fast.name(), withCeilings, ceilings.notes());
        return 0;
    }

    /** The rows with a ceiling as ratios to it, then a line for each ceiling that could not be measured. */
    private static void printRatios(PrintStream out, String backend, List<Timed> rows, List<String> notes) {
        if (!rows.isEmpty()) {
            out.printf("%nagainst ceilings measured right after each row (%d threads, benchmarks/ceiling):%n",
                    Runtime.getRuntime().availableProcessors());
            out.printf(KERNEL_AND_SIZE + "%16s %16s %7s  %s%n", "kernel", "B x N x M", backend + " rate", "ceiling",
                    "ratio", "ceiling measured by");
        }
        for (Timed t : rows) {
            double rate = t.c().work() / t.seconds() / 1e9;
            out.printf(KERNEL_AND_SIZE + "%16s %16s %6.0f%%  %s%n", t.c().name(),
                    t.size()[0] + "x" + t.size()[1] + "x" + t.size()[2], rate(t.c(), t.seconds()),
                    String.format("%.2f %s", t.ceiling().rate(), t.c().unit()), 100 * rate / t.ceiling().rate(),
                    t.ceiling().source());
        }
        notes.forEach(out::println);
    }

    private static String rate(Case c, double seconds) {
        return String.format("%.2f %s", c.work() / seconds / 1e9, c.unit());
    }

    /** A copy of the first {@code rows} rows of a matrix (the samples a slow reference kernel is timed on). */
    private static Tensor firstRows(Tensor t, int rows) {
        int columns = t.dim(1);
        return Tensor.of(java.util.Arrays.copyOf(t.data(), rows * columns), rows, columns);
    }

    /**
     * The best of at least {@code repeat} timed runs, and of as many as fit in {@code timingSeconds}, after
     * a warm-up of at least {@value #WARM_UP_SECONDS} s, which lets the JIT compile the kernel; on a shared
     * machine a few runs can all land in another job's burst. For the reference (one timed run), a kernel
     * slower than the warm-up is timed once, by its warm-up run; the fast backend's warm-up runs a kernel at
     * least {@value #WARM_UP_RUNS} times, since a vector kernel can take seconds on its first call, before its
     * short loops are compiled.
     */
    private static double time(Backend backend, Runnable run, int repeat, double timingSeconds) {
        Backends.use(backend);
        long warmUpStart = System.nanoTime();
        double first = timeOnce(run);
        if (first > WARM_UP_SECONDS && repeat == 1 && backend.name().equals("reference")) {
            return first;
        }
        int runs = 1;
        while ((System.nanoTime() - warmUpStart) / 1e9 < WARM_UP_SECONDS || runs < WARM_UP_RUNS) {
            run.run();
            runs++;
        }
        double best = Double.POSITIVE_INFINITY;
        long timingStart = System.nanoTime();
        for (int r = 0; r < repeat || (System.nanoTime() - timingStart) / 1e9 < timingSeconds; r++) {
            best = Math.min(best, timeOnce(run));
        }
        return best;
    }

    private static double timeOnce(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<Case> cases(int b, int n, int m) {
        Random rng = new Random(1);
        Tensor x = Tensor.randn(rng, b, n);
        Tensor w = Tensor.randn(rng, m, n);
        Tensor g = Tensor.randn(rng, b, m);
        EdgeList all = EdgeList.full(m, n);
        boolean[] mask = new boolean[m * n];
        for (int e = 0; e < mask.length; e++) {
            mask[e] = rng.nextInt(20) == 0;
        }
        EdgeList sparse = EdgeList.fromMask(mask, m, n);
        Tensor few = firstRows(x, SOFT_ORDER_SAMPLES);
        // the soft order layer's weights at the start of training: Laplace kernel, temperature 1, middle rank
        Tensor mixture = new SoftOrderStat(n, m, false, SoftOrderStat.Kernel.LAPLACE, new Random(2)).mixture().value();
        Tensor fewGrads = firstRows(g, SOFT_ORDER_SAMPLES);
        double elements = (double) b * n * m;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("L-inf forward", "G elem/s", elements,
                () -> Backends.current().linfDist(x, w, all), "linf-argmax"));
        cases.add(new Case("L-inf forward+backward", "G elem/s", elements,
                () -> forwardBackward(new LinfDistance(all), g, x, w)));
        cases.add(new Case("L8 forward", "G elem/s", elements,
                () -> Backends.current().lpDist(x, w, all, 8)));
        Tensor lpSome = firstRows(x, LP_REFERENCE_SAMPLES);
        Tensor lpSomeGrads = firstRows(g, LP_REFERENCE_SAMPLES);
        for (int p = 8; p <= 1024; p *= 2) { // every p of the training schedule
            LpDistance lp = new LpDistance(all, p);
            cases.add(new Case("L" + p + " forward+backward", "G elem/s", elements,
                    () -> forwardBackward(lp, g, x, w), null,
                    new Case("", "G elem/s", (double) LP_REFERENCE_SAMPLES * n * m,
                            () -> forwardBackward(lp, lpSomeGrads, lpSome, w))));
        }
        cases.add(new Case("sparse L-inf forward, 5 % edges", "G elem/s", elements,
                () -> Backends.current().linfDist(x, w, sparse)));
        int[] middle = new int[m];
        java.util.Arrays.fill(middle, (n + 1) / 2);
        int[] anyRank = new int[m];
        for (int j = 0; j < m; j++) {
            anyRank[j] = 1 + rng.nextInt(n);
        }
        Tensor some = firstRows(x, HARD_ORDER_SAMPLES);
        Tensor edgeWeights = Tensor.full(1f / n, m, n);
        Tensor half = Tensor.full(0.5f, m);
        double hardWork = (double) HARD_ORDER_SAMPLES * n * m;
        cases.add(new Case("order statistic (median) forward", "G elem/s", hardWork,
                () -> Backends.current().orderStat(some, w, middle)));
        cases.add(new Case("order statistic (random k) forward", "G elem/s", hardWork,
                () -> Backends.current().orderStat(some, w, anyRank)));
        cases.add(new Case("order statistic (weighted, q = 1/2) forward", "G elem/s", hardWork,
                () -> Backends.current().weightedQuantile(some, w, edgeWeights, half)));
        // a weighted layer as training leaves it: edge logits and quantile logit moved away from 0 (here N(0, 1))
        WeightedOrderStat learnt = new WeightedOrderStat(Var.param(w), null, Var.param(Tensor.randn(rng, m, n)),
                Var.param(Tensor.randn(rng, m)));
        Tensor learntWeights = learnt.edgeWeights().value(), learntQuantile = learnt.quantile().value();
        cases.add(new Case("order statistic (weighted, any v, q) forward", "G elem/s", hardWork,
                () -> Backends.current().weightedQuantile(some, w, learntWeights, learntQuantile)));
        cases.add(new Case("SortNet top-10 distances forward", "G elem/s", hardWork,
                () -> Backends.current().topDistances(some, w, 10)));
        cases.add(new Case("soft order forward+backward", "G elem/s", (double) SOFT_ORDER_SAMPLES * n * m,
                () -> forwardBackward(new SoftOrderStatistic(), fewGrads, few, w, mixture)));
        cases.add(new Case("matmul forward", "GFLOP/s", 2 * elements,
                () -> Backends.current().matmul(x, false, w, true), "sgemm-forward"));
        cases.add(new Case("matmul forward+backward", "GFLOP/s", 6 * elements,
                () -> forwardBackward(new MatMul(false, true), g, x, w), "sgemm-forward+backward"));
        return cases;
    }

    private static <C> void forwardBackward(Function<C> f, Tensor g, Tensor... inputs) {
        f.backward(f.forward(inputs).saved(), g);
    }
}
