package org.linfgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void factoriesFillShapeAndValues() {
        assertThat(Tensor.zeros(2, 3).data()).containsOnly(0f).hasSize(6);
        assertThat(Tensor.ones(4).data()).containsOnly(1f);
        assertThat(Tensor.full(2.5f, 1, 2, 3).shape()).containsExactly(1, 2, 3);
        assertThat(Tensor.arange(4).data()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.scalar(7).rank()).isZero();
        assertThat(Tensor.scalar(7).item()).isEqualTo(7);
    }

    @Test
    void seededRandomTensorsRepeatAndDiffer() {
        assertThat(Tensor.randn(42, 3, 4)).isEqualTo(Tensor.randn(42, 3, 4));
        assertThat(Tensor.randn(42, 3, 4)).isNotEqualTo(Tensor.randn(43, 3, 4));
        for (float v : Tensor.rand(1, 1000).data()) {
            assertThat(v).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        }
    }

    @Test
    void elementAccessIsRowMajor() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        assertThat(t.get(1, 2, 3)).isEqualTo(23);
        assertThat(t.get(1, 0, 2)).isEqualTo(14);
        assertThat(t.index(14)).containsExactly(1, 0, 2);
        t.set(-1, 0, 1, 0);
        assertThat(t.data()[4]).isEqualTo(-1);
    }

    @Test
    void reshapeInfersOneExtentAndSharesData() {
        Tensor t = Tensor.arange(6);
        Tensor r = t.reshape(-1, 2);
        assertThat(r.shape()).containsExactly(3, 2);
        assertThat(r.data()).isSameAs(t.data());
    }

    @Test
    void badShapesAndIndicesNameWhatWasWrong() {
        assertThatThrownBy(() -> Tensor.arange(6).reshape(4, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[6]").hasMessageContaining("[4, -1]");
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).get(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("[2, 0]");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).get(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2");
        assertThatThrownBy(() -> Tensor.zeros(2, 2).item()).hasMessageContaining("4 elements");
        assertThatThrownBy(() -> Tensor.matrix(new float[] {1, 2}, new float[] {3}))
                .hasMessageContaining("row 1 has 1 values");
    }

    @Test
    void toStringNestsAndShortensLongAxes() {
        assertThat(Tensor.arange(4).reshape(2, 2).toString())
                .isEqualTo("tensor([[0.0, 1.0],\n        [2.0, 3.0]], shape=[2, 2])");
        assertThat(Tensor.arange(100).toString())
                .isEqualTo("tensor([0.0, 1.0, 2.0, ..., 97.0, 98.0, 99.0], shape=[100])");
        assertThat(Tensor.scalar(0.125f).toString()).isEqualTo("tensor(0.1250, shape=[])");
    }
}
