package org.linfgrad.gradcheck;

import static org.linfgrad.gradcheck.GradCheckSuite.of;
import static org.linfgrad.gradcheck.Samplers.awayFromZero;
import static org.linfgrad.gradcheck.Samplers.distinct;
import static org.linfgrad.gradcheck.Samplers.extent;
import static org.linfgrad.gradcheck.Samplers.shape;
import static org.linfgrad.gradcheck.Samplers.uniform;

import java.util.List;
import java.util.Random;
import org.linfgrad.tensor.Tensor;

/** Gradient checks of the core operations: arithmetic with broadcasting, pointwise functions, reductions. */
final class CoreCases {
    private CoreCases() {}

    static void addTo(List<GradCheckCase> cases) {
        cases.add(of("add", r -> pair(r, shape(r, 2), null), v -> v[0].add(v[1])));
        cases.add(of("add row broadcast", r -> rowBroadcast(r), v -> v[0].add(v[1])));
        cases.add(of("sub column broadcast", r -> columnBroadcast(r), v -> v[0].sub(v[1])));
        cases.add(of("mul row broadcast", r -> rowBroadcast(r), v -> v[0].mul(v[1])));
        cases.add(of("mul column broadcast", r -> columnBroadcast(r), v -> v[0].mul(v[1])));
        cases.add(of("div", r -> sameShapeDivision(r), v -> v[0].div(v[1])));
        cases.add(of("div column broadcast", r -> divisorColumn(r), v -> v[0].div(v[1])));
        cases.add(of("a Var used twice", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].mul(v[0])));
        cases.add(of("a Var on two paths", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].tanh().add(v[0].exp())));
        cases.add(of("neg", r -> one(uniform(r, -1, 1, shape(r, 3))), v -> v[0].neg()));
        cases.add(of("exp", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].exp()));
        cases.add(of("log", r -> one(uniform(r, 0.5f, 2, shape(r, 2))), v -> v[0].log()));
        cases.add(of("abs", r -> one(awayFromZero(r, shape(r, 2))), v -> v[0].abs()));
        cases.add(of("relu", r -> one(awayFromZero(r, shape(r, 2))), v -> v[0].relu()));
        cases.add(of("tanh", r -> one(uniform(r, -2, 2, shape(r, 2))), v -> v[0].tanh()));
        cases.add(of("sigmoid", r -> one(uniform(r, -3, 3, shape(r, 2))), v -> v[0].sigmoid()));
        cases.add(of("pow 3", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].pow(3)));
        cases.add(of("pow -0.5", r -> one(uniform(r, 0.5f, 2, shape(r, 2))), v -> v[0].pow(-0.5f)));
        cases.add(of("scale", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].scale(-1.5f)));
        cases.add(of("sum", r -> one(uniform(r, -1, 1, shape(r, 3))), v -> v[0].sum()));
        cases.add(of("sum axis 1", r -> one(uniform(r, -1, 1, shape(r, 3))), v -> v[0].sum(1)));
        cases.add(of("mean", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].mean()));
        cases.add(of("mean axis 0", r -> one(uniform(r, -1, 1, shape(r, 2))), v -> v[0].mean(0)));
        cases.add(of("max axis 0", r -> one(distinct(r, shape(r, 2))), v -> v[0].max(0)));
        cases.add(of("max axis -1", r -> one(distinct(r, shape(r, 3))), v -> v[0].max(-1)));
        cases.add(of("matmul", r -> matmulOperands(r, false, false), v -> v[0].matmul(v[1])));
        cases.add(of("matmul A^T B", r -> matmulOperands(r, true, false), v -> v[0].matmul(v[1], true, false)));
        cases.add(of("matmul A B^T", r -> matmulOperands(r, false, true), v -> v[0].matmul(v[1], false, true)));
        cases.add(of("matmul A^T B^T", r -> matmulOperands(r, true, true), v -> v[0].matmul(v[1], true, true)));
        cases.add(of("reshape", r -> one(uniform(r, -1, 1, 2, extent(r), 3)), v -> v[0].reshape(-1, 2).tanh()));
        cases.add(of("log-softmax", r -> one(uniform(r, -2, 2, shape(r, 2))), v -> v[0].logSoftmax()));
        cases.add(of("pick", r -> one(uniform(r, -2, 2, extent(r), 1 + extent(r))),
                v -> v[0].pick(labelsFor(v[0].shape()))));
        cases.add(of("cross-entropy", r -> one(uniform(r, -2, 2, extent(r), 1 + extent(r))),
                v -> v[0].crossEntropy(labelsFor(v[0].shape()))));
    }

    private static Tensor[] one(Tensor t) {
        return new Tensor[] {t};
    }

    private static Tensor[] pair(Random r, int[] shapeA, int[] shapeB) {
        return new Tensor[] {uniform(r, -1, 1, shapeA), uniform(r, -1, 1, shapeB == null ? shapeA : shapeB)};
    }

    private static Tensor[] rowBroadcast(Random r) {
        int[] s = shape(r, 2);
        return pair(r, s, new int[] {s[1]});
    }

    private static Tensor[] columnBroadcast(Random r) {
        int[] s = shape(r, 2);
        return pair(r, s, new int[] {s[0], 1});
    }

    private static Tensor[] sameShapeDivision(Random r) {
        int[] s = shape(r, 2);
        return new Tensor[] {uniform(r, -1, 1, s), positive(r, s)};
    }

    private static Tensor[] divisorColumn(Random r) {
        int[] s = shape(r, 2);
        return new Tensor[] {uniform(r, -1, 1, s), positive(r, s[0], 1)};
    }

    private static Tensor positive(Random r, int... shape) {
        return uniform(r, 0.5f, 2, shape);
    }

    private static Tensor[] matmulOperands(Random r, boolean transposeA, boolean transposeB) {
        int n = extent(r);
        int k = extent(r);
        int m = extent(r);
        Tensor a = uniform(r, -1, 1, transposeA ? new int[] {k, n} : new int[] {n, k});
        Tensor b = uniform(r, -1, 1, transposeB ? new int[] {m, k} : new int[] {k, m});
        return new Tensor[] {a, b};
    }

    /** Deterministic labels covering every class, for logits of the given shape. */
    private static int[] labelsFor(int[] logitShape) {
        int[] labels = new int[logitShape[0]];
        for (int b = 0; b < labels.length; b++) {
            labels[b] = (3 * b + 1) % logitShape[1];
        }
        return labels;
    }
}
