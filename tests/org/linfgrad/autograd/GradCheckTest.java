package org.linfgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.Unary;
import org.linfgrad.gradcheck.Samplers;
import org.linfgrad.tensor.Tensor;

/** GradCheck must catch real bugs: each planted wrong backward below fails it, and the correct one passes. */
class GradCheckTest {
    private final Random rng = new Random(7);

    /** exp with its derivative multiplied by a factor: 1 is correct. */
    private record ScaledExp(float factor) implements Function<Tensor> {
        @Override
        public Forward<Tensor> forward(Tensor... in) {
            Tensor y = Backends.current().map(Unary.EXP, in[0]);
            return new Forward<>(y, y);
        }

        @Override
        public Tensor[] backward(Tensor y, Tensor g) {
            return new Tensor[] {Backends.current().scale(Backends.current().zip(Binary.MUL, g, y), factor)};
        }
    }

    /** max along the last axis whose backward routes the gradient to the last element instead of the argmax. */
    private record MaxToLastIndex() implements Function<int[]> {
        @Override
        public Forward<int[]> forward(Tensor... in) {
            return new Forward<>(Backends.current().max(in[0], -1).values(), in[0].shape());
        }

        @Override
        public Tensor[] backward(int[] shape, Tensor g) {
            int[] last = new int[g.size()];
            java.util.Arrays.fill(last, shape[shape.length - 1] - 1);
            return new Tensor[] {Backends.current().scatter(g, last, shape, -1)};
        }
    }

    /** matrix + row vector whose backward gives the row only the first batch row's gradient instead of the sum. */
    private record RowBiasWithoutAccumulation() implements Function<int[]> {
        @Override
        public Forward<int[]> forward(Tensor... in) {
            return new Forward<>(Backends.current().zip(Binary.ADD, in[0], in[1]), in[1].shape());
        }

        @Override
        public Tensor[] backward(int[] rowShape, Tensor g) {
            float[] firstRow = java.util.Arrays.copyOf(g.data(), rowShape[0]);
            return new Tensor[] {g, Tensor.of(firstRow, rowShape)};
        }
    }

    @Test
    void correctBackwardPasses() {
        assertThat(GradCheck.check(new ScaledExp(1f), Samplers.uniform(rng, -1, 1, 4, 3)).passed()).isTrue();
    }

    @Test
    void catchesAMissingFactor() {
        assertThat(GradCheck.check(new ScaledExp(0f), Samplers.uniform(rng, -1, 1, 4, 3)).passed()).isFalse();
        assertThat(GradCheck.check(new ScaledExp(0.5f), Samplers.uniform(rng, -1, 1, 4, 3)).passed()).isFalse();
    }

    @Test
    void catchesAOnePercentErrorInASmoothGradient() {
        GradCheck.Report report = GradCheck.check(new ScaledExp(1.01f), Samplers.uniform(rng, -1, 1, 5, 5));
        assertThat(report.passed()).isFalse();
        assertThat(GradCheck.check(new ScaledExp(0.99f), Samplers.uniform(rng, -1, 1, 5, 5)).passed()).isFalse();
    }

    @Test
    void catchesAGradientRoutedToTheWrongIndex() {
        Tensor x = Samplers.distinct(rng, 3, 5);
        GradCheck.Report report = GradCheck.check(new MaxToLastIndex(), x);
        assertThat(report.passed()).isFalse();
        assertThat(report.describe()).contains("FAILED").contains("input 0");
    }

    @Test
    void catchesADroppedAccumulation() {
        GradCheck.Report report = GradCheck.check(new RowBiasWithoutAccumulation(),
                Samplers.uniform(rng, -1, 1, 4, 3), Samplers.uniform(rng, -1, 1, 3));
        assertThat(report.passed()).isFalse();
        assertThat(report.input()).isEqualTo(1);
    }

    @Test
    void assertionNamesInputElementAndBothValues() {
        assertThatThrownBy(() -> GradCheck.assertGradients("planted", v -> Var.apply(new ScaledExp(2f), v),
                Tensor.vector(0.5f, -0.25f)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("planted").hasMessageContaining("input 0 element [")
                .hasMessageContaining("analytic").hasMessageContaining("numeric");
    }
}
