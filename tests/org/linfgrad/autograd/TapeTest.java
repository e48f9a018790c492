package org.linfgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.linfgrad.tensor.Tensor;

class TapeTest {

    @Test
    void nothingIsRecordedOutsideATape() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var y = x.mul(x).sum();
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.value().item()).isEqualTo(5);
    }

    @Test
    void onlyOperationsOnGradientVarsAreRecorded() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var c = Var.constant(Tensor.vector(3, 4));
        try (Tape tape = Tape.open()) {
            c.mul(c);
            assertThat(tape.size()).isZero();
            x.mul(c);
            assertThat(tape.size()).isEqualTo(1);
        }
    }

    @Test
    void aVarUsedTwiceGetsBothContributions() {
        Var x = Var.param(Tensor.vector(1, -2, 3));
        try (Tape tape = Tape.open()) {
            tape.backward(x.mul(x).add(x).sum());
        }
        assertThat(x.grad().data()).containsExactly(3, -3, 7); // d(x^2 + x)/dx = 2x + 1
    }

    @Test
    void gradientsAccumulateAcrossTapesUntilZeroed() {
        Var w = Var.param(Tensor.vector(2));
        for (int i = 0; i < 2; i++) {
            try (Tape tape = Tape.open()) {
                tape.backward(w.scale(3).sum());
            }
        }
        assertThat(w.grad().data()).containsExactly(6);
        w.zeroGrad();
        assertThat(w.grad()).isNull();
    }

    @Test
    void constantsGetNoGradient() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var c = Var.constant(Tensor.vector(3, 4));
        try (Tape tape = Tape.open()) {
            tape.backward(x.mul(c).sum());
        }
        assertThat(x.grad().data()).containsExactly(3, 4);
        assertThat(c.grad()).isNull();
    }

    @Test
    void nonScalarNeedsASeed() {
        Var x = Var.param(Tensor.vector(1, 2));
        try (Tape tape = Tape.open()) {
            Var y = x.scale(2);
            assertThatThrownBy(() -> tape.backward(y))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scalar").hasMessageContaining("[2]").hasMessageContaining("seed");
            tape.backward(y, Tensor.vector(1, 10));
        }
        assertThat(x.grad().data()).containsExactly(2, 20);
    }

    @Test
    void backwardTwiceOnAReleasedTapeFails() {
        Var x = Var.param(Tensor.vector(1));
        try (Tape tape = Tape.open()) {
            Var loss = x.exp().sum();
            tape.backward(loss);
            assertThatThrownBy(() -> tape.backward(loss))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already called");
        }
    }

    @Test
    void aVarFromAnotherTapeIsRejected() {
        Var x = Var.param(Tensor.vector(1));
        Var fromFirst;
        try (Tape first = Tape.open()) {
            fromFirst = x.exp();
        }
        try (Tape second = Tape.open()) {
            assertThatThrownBy(() -> fromFirst.add(x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another tape");
            Var here = x.exp().sum();
            assertThatThrownBy(() -> second.backward(fromFirst.sum()))
                    .isInstanceOf(IllegalArgumentException.class);
            second.backward(here);
        }
    }

    @Test
    void backwardOnTheWrongTapeIsRejected() {
        Var x = Var.param(Tensor.vector(1));
        try (Tape outer = Tape.open()) {
            Var y = x.exp().sum();
            try (Tape inner = Tape.open()) {
                assertThatThrownBy(() -> inner.backward(y)).hasMessageContaining("another tape");
            }
            outer.backward(y);
        }
        assertThat(x.grad().data()[0]).isEqualTo((float) Math.E);
    }

    @Test
    void lossOfConstantsIsRejected() {
        try (Tape tape = Tape.open()) {
            Var c = Var.constant(Tensor.vector(1)).sum();
            assertThatThrownBy(() -> tape.backward(c)).hasMessageContaining("does not depend");
        }
    }

    @Test
    void inferenceAfterATapeRecordsNothing() {
        Var x = Var.param(Tensor.vector(1, 2));
        try (Tape tape = Tape.open()) {
            tape.backward(x.sum());
        }
        assertThat(x.exp().requiresGrad()).isFalse();
    }

    @Test
    void linearSoftmaxClassifierMatchesHandDerivedGradient() {
        // logits = x W, L = CE(logits, y); dL/dW = x^T (softmax(logits) - onehot(y)) / B
        Tensor xs = Tensor.matrix(new float[] {1, 0}, new float[] {0, 2});
        Var w = Var.param(Tensor.matrix(new float[] {0, 0}, new float[] {0, 0}));
        try (Tape tape = Tape.open()) {
            tape.backward(Var.constant(xs).matmul(w).crossEntropy(0, 1));
        }
        // softmax of zero logits is 1/2 each; rows: (1/2 - 1, 1/2) and (1/2, 1/2 - 1), halved for the mean.
        assertThat(w.grad().data()).containsExactly(-0.25f, 0.25f, 0.5f, -0.5f);
    }
}
