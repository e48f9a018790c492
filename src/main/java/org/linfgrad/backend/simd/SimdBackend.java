package org.linfgrad.backend.simd;

import java.util.Arrays;
import org.linfgrad.backend.ArgReduction;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.DistanceShapes;
import org.linfgrad.backend.EdgeList;
import org.linfgrad.backend.MatMulShapes;
import org.linfgrad.backend.RankedInputs;
import org.linfgrad.backend.SoftOrderOutput;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/**
 * The CPU backend on the Panama Vector API, multi-threaded: dense and sparse L-infinity distance, L-p
 * distance forward and backward, matmul and the common shapes of elementwise binary operations run
 * vectorised kernels, the selection scatter of the L-inf and order-statistic backward runs on all threads; the order statistics select by counting (the
 * soft one over the window of ranks its weights need, else the reference's sort on slices of the batch), SortNet's
 * top-K distances keep a sorted list per row; every other primitive is the reference one. Max,
 * argmax and selections equal the reference exactly; sums agree within rounding.
 */
public class SimdBackend extends ReferenceBackend {

    @Override
    public String name() {
        return "simd";
    }

    /** The floats in one vector of this CPU's preferred species: the lanes every simd kernel works in. */
    public static int lanes() {
        return DistanceForward.LANES;
    }

    @Override
    public Tensor zip(Binary op, Tensor a, Tensor b) {
        Tensor out = Elementwise.zipTrailing(op, a, b);
        return out != null ? out : super.zip(op, a, b);
    }

    @Override
    public ArgReduction linfDist(Tensor x, Tensor w, EdgeList kept) {
        DistanceShapes.check("linfDist", x, w, kept);
        // BEGIN OMIT simd-linf-forward
        if (!kept.isFull()) {
            return SparseForward.run(x, w, kept);
        }
        // END OMIT
        return kept.isFull() ? new DistanceForward(x, w).linf() : super.linfDist(x, w, kept);
    }

    @Override
    public Tensor lpDist(Tensor x, Tensor w, EdgeList kept, float p) {
        DistanceShapes.check("lpDist", x, w, kept);
        return kept.isFull() ? new LpForward(x, w).lp(p) : super.lpDist(x, w, kept, p);
    }

    @Override
    public ArgReduction[] topDistances(Tensor x, Tensor w, int k) {
        DistanceShapes.check("topDistances", x, w);
        // a k outside [1, N] gets the reference's message
        return k >= 1 && k <= x.dim(1) ? TopDistances.run(x, w, k) : super.topDistances(x, w, k);
    }

    @Override
    public Tensor sum(Tensor x, int axis) {
        if (x.rank() == 2 && Shape.axis("sum", x.shape(), axis) == 0) {
            return Tensor.of(Rows.columnSums(x.data(), x.dim(0), x.dim(1)), x.dim(1));
        }
        return super.sum(x, axis);
    }

    // BEGIN OMIT sum-to
    @Override
    public Tensor sumTo(Tensor x, int... shape) {
        if (x.rank() == 2 && isRow(shape, x.dim(1))) {
            return Tensor.of(Rows.columnSums(x.data(), x.dim(0), x.dim(1)), shape);
        }
        return super.sumTo(x, shape);
    }
    // END OMIT

    @Override
    public Tensor broadcastTo(Tensor x, int... shape) {
        if (shape.length == 2 && isRow(x.shape(), shape[1])) {
            return Tensor.of(Rows.repeat(x.data(), shape[0]), shape);
        }
        return super.broadcastTo(x, shape);
    }

    /** Whether {@code shape} is [m] or [1, m]. */
    private static boolean isRow(int[] shape, int m) {
        return shape.length == 1 ? shape[0] == m : shape.length == 2 && shape[0] == 1 && shape[1] == m;
    }

    // BEGIN OMIT linf-backward
    @Override
    public Tensor[] linfDistBackward(Tensor g, Tensor x, Tensor w, int[] argmax) {
        int[] d = DistanceShapes.check("linfDistBackward", x, w);
        Shape.requireSame("linfDistBackward gradient", g.shape(), new int[] {d[0], d[2]});
        return LinfBackward.run(g, x, w, argmax);
    }
    // END OMIT

    // BEGIN OMIT lp-backward
    @Override
    public Tensor[] lpDistBackward(Tensor g, Tensor x, Tensor w, EdgeList kept, Tensor y, float p) {
        DistanceShapes.check("lpDistBackward", x, w, kept);
        return kept.isFull() ? LpBackward.run(g, x, w, y, p) : super.lpDistBackward(g, x, w, kept, y, p);
    }
    // END OMIT

    @Override
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        MatMulShapes.check(a, transposeA, b, transposeB);
        return MatMul.run(a, transposeA, b, transposeB);
    }

    // BEGIN OMIT order-statistic-backward
    @Override
    public Tensor[] selectionBackward(Tensor coefficient, int[] index, int inputs) {
        if (coefficient.rank() != 2) {
            return super.selectionBackward(coefficient, index, inputs); // the reference names the wrong rank
        }
        return SelectionBackward.run(coefficient, index, inputs);
    }
    // END OMIT

    @Override
    public ArgReduction orderStat(Tensor x, Tensor w, int[] k) {
        int[] d = DistanceShapes.check("orderStat", x, w);
        if (k.length != d[2] || d[0] == 0 || d[1] == 0 || d[2] == 0 || !OrderSelect.applies(x, w)) {
            return sortedInSlices(x, w, k); // the reference names a bad rank count
        }
        for (int j = 0; j < k.length; j++) {
            if (k[j] < 1 || k[j] > d[1]) {
                throw new IllegalArgumentException("orderStat: rank " + k[j] + " of neuron " + j
                        + " is outside [1, " + d[1] + "]");
            }
        }
        return OrderSelect.kth(x, w, k);
    }

    @Override
    public ArgReduction weightedQuantile(Tensor x, Tensor w, Tensor v, Tensor q) {
        int[] d = DistanceShapes.check("weightedQuantile", x, w);
        Shape.requireSame("weightedQuantile edge weights", v.shape(), w.shape());
        Shape.requireSame("weightedQuantile quantiles", q.shape(), new int[] {w.dim(0)});
        int batch = d[0], n = d[1], m = d[2];
        if (batch == 0 || n == 0 || m == 0 || !OrderSelect.applies(x, w)) {
            return super.weightedQuantile(x, w, v, q);
        }
        boolean[] counted = new boolean[m];
        Parallel.forRange(m, (from, to) -> {
            for (int j = from; j < to; j++) {
                counted[j] = Float.isFinite(q.data()[j]) && OrderSelect.exactSums(v.data(), j, n);
            }
        });
        int others = 0;
        for (int j = 0; j < m; j++) {
            others += counted[j] ? 0 : 1;
        }
        ArgReduction r = OrderSelect.weightedQuantile(x, w, v, q, counted);
        if (others > 0) { // neurons whose weights could round differently when summed in another order
            int[] rows = new int[others];
            for (int j = 0, o = 0; j < m; j++) {
                if (!counted[j]) {
                    rows[o++] = j;
                }
            }
            ArgReduction rest = super.weightedQuantile(x, BatchSlices.pick(w, rows), BatchSlices.pick(v, rows),
                    Tensor.of(BatchSlices.pick(q.reshape(m, 1), rows).data(), others));
            for (int b = 0; b < batch; b++) {
                for (int o = 0; o < others; o++) {
                    r.values().data()[b * m + rows[o]] = rest.values().data()[b * others + o];
                    r.indices()[b * m + rows[o]] = rest.indices()[b * others + o];
                }
            }
        }
        return r;
    }

    /** The reference's sort per row, on slices of the batch in parallel. */
    private ArgReduction sortedInSlices(Tensor x, Tensor w, int[] k) {
        int[] d = DistanceShapes.check("orderStat", x, w);
        int m = d[2];
        float[] y = new float[d[0] * m];
        int[] selected = new int[d[0] * m];
        Parallel.forRange(d[0], Parallel.THREADS, (from, to) -> {
            ArgReduction part = super.orderStat(BatchSlices.rows(x, from, to), w, k);
            System.arraycopy(part.values().data(), 0, y, from * m, (to - from) * m);
            System.arraycopy(part.indices(), 0, selected, from * m, (to - from) * m);
        });
        return new ArgReduction(Tensor.of(y, d[0], m), selected);
    }

    @Override
    public SoftOrderOutput softOrderStat(Tensor x, Tensor w, Tensor a) {
        DistanceShapes.check("softOrderStat", x, w);
        RankWindows windows = windows(x, w, a);
        RankedInputs ranked = windows == null ? null : RankedInputs.allocate(x.dim(0), windows.from(), windows.to());
        if (ranked != null) {
            return SoftOrderForward.run(x, w, a, windows, ranked);
        }
        return new SoftOrderOutput(BatchSlices.run(x.dim(0), new boolean[] {true},
                (from, to) -> new Tensor[] {super.softOrderStat(BatchSlices.rows(x, from, to), w, a).y()})[0], null);
    }

    // BEGIN OMIT soft-order-backward
    /** Without the forward's ranks, they are selected again (or the rows sorted, as the forward does). */
    @Override
    public Tensor[] softOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor a, RankedInputs ranked) {
        int[] d = DistanceShapes.check("softOrderStatBackward", x, w);
        Shape.requireSame("softOrderStatBackward gradient", g.shape(), new int[] {d[0], d[2]});
        Shape.requireSame("softOrderStatBackward weights", a.shape(), w.shape());
        RankedInputs ranks = ranked != null ? ranked : softOrderStat(x, w, a).ranked();
        if (ranks != null) {
            if (!ranks.fits(d[0], d[1], d[2])) {
                throw new IllegalArgumentException("softOrderStatBackward: the ranks given were kept for another "
                        + "layer or batch (" + ranks.batch() + " samples, " + ranks.from().length + " neurons): pass "
                        + "those that softOrderStat returned for these inputs");
            }
            return SoftOrderBackward.run(g, x, w, a, ranks);
        }
        return BatchSlices.run(x.dim(0), new boolean[] {true, false, false}, (from, to) ->
                super.softOrderStatBackward(BatchSlices.rows(g, from, to), BatchSlices.rows(x, from, to), w, a, null));
    }
    // END OMIT

    /**
     * The soft weighted order statistic (the weighted layer's training form): every rank carries weight at the
     * layer's sharpness, so each row is sorted, by the reference's kernel on slices of the batch in parallel.
     */
    @Override
    public Tensor weightedOrderStat(Tensor x, Tensor w, Tensor v, Tensor q, float a) {
        DistanceShapes.check("weightedOrderStat", x, w);
        return BatchSlices.run(x.dim(0), new boolean[] {true}, (from, to) ->
                new Tensor[] {super.weightedOrderStat(BatchSlices.rows(x, from, to), w, v, q, a)})[0];
    }

    /** The gradients of {@link #weightedOrderStat}, the reference's on slices of the batch in parallel. */
    @Override
    public Tensor[] weightedOrderStatBackward(Tensor g, Tensor x, Tensor w, Tensor v, Tensor q, float a) {
        int[] d = DistanceShapes.check("weightedOrderStatBackward", x, w);
        Shape.requireSame("weightedOrderStatBackward gradient", g.shape(), new int[] {d[0], d[2]}); // before slicing
        return BatchSlices.run(x.dim(0), new boolean[] {true, false, false, false}, (from, to) ->
                super.weightedOrderStatBackward(BatchSlices.rows(g, from, to), BatchSlices.rows(x, from, to), w, v,
                        q, a));
    }

    /**
     * The windows of ranks of a soft order statistic's weights (those wider than 64 ranks trimmed within the
     * bound {@link RankWindows} states) when every one is narrow enough to select by counting, else null: the
     * rows are then sorted, on slices of the batch in parallel.
     */
    private static RankWindows windows(Tensor x, Tensor w, Tensor a) {
        if (x.dim(0) == 0 || x.dim(1) == 0 || w.dim(0) == 0 || !Arrays.equals(a.shape(), w.shape())
                || !OrderSelect.applies(x, w)) {
            return null;
        }
        RankWindows windows = RankWindows.bounded(a);
        return windows.narrow() ? windows : null;
    }
}
