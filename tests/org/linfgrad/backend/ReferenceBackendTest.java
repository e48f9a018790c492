package org.linfgrad.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.linfgrad.backend.reference.ReferenceBackend;
import org.linfgrad.tensor.Tensor;

/** Hand-computed values for the reference backend, the oracle every other backend is compared with. */
class ReferenceBackendTest {
    private final Backend b = new ReferenceBackend();

    @Test
    void zipBroadcastsRowsAndColumns() {
        Tensor m = Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6});
        assertThat(b.zip(Binary.ADD, m, Tensor.vector(10, 20, 30)).data()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(b.zip(Binary.MUL, m, Tensor.matrix(new float[] {2}, new float[] {-1})).data())
                .containsExactly(2, 4, 6, -4, -5, -6);
        assertThat(b.zip(Binary.SUB, Tensor.vector(1, 2), Tensor.scalar(1)).data()).containsExactly(0, 1);
    }

    @Test
    void zipRejectsShapesThatDoNotBroadcast() {
        assertThatThrownBy(() -> b.zip(Binary.ADD, Tensor.zeros(2, 3), Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add")
                .hasMessageContaining("[2, 3]").hasMessageContaining("[2]");
    }

    @Test
    void sumToIsTheAdjointOfBroadcasting() {
        Tensor m = Tensor.matrix(new float[] {1, 2, 3}, new float[] {4, 5, 6});
        assertThat(b.sumTo(m, 3).data()).containsExactly(5, 7, 9);
        assertThat(b.sumTo(m, 2, 1).data()).containsExactly(6, 15);
        assertThat(b.sumTo(m).item()).isEqualTo(21);
        assertThat(b.broadcastTo(Tensor.vector(1, 2), 3, 2).data()).containsExactly(1, 2, 1, 2, 1, 2);
    }

    @Test
    void sumAlongAnyAxis() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        assertThat(b.sum(t, 1).shape()).containsExactly(2, 4);
        assertThat(b.sum(t, 1).get(1, 2)).isEqualTo(14 + 18 + 22);
        assertThat(b.sum(t).item()).isEqualTo(276);
    }

    @Test
    void maxTiesGoToTheLowestIndex() {
        Tensor t = Tensor.matrix(new float[] {3, 7, 7, 1}, new float[] {2, 2, 2, 2});
        ArgReduction rows = b.max(t, 1);
        assertThat(rows.values().data()).containsExactly(7, 2);
        assertThat(rows.indices()).containsExactly(1, 0);
        ArgReduction columns = b.max(Tensor.matrix(new float[] {1, 5}, new float[] {1, 5}), 0);
        assertThat(columns.indices()).containsExactly(0, 0);
        assertThat(b.scatter(rows.values(), rows.indices(), new int[] {2, 4}, 1).data())
                .containsExactly(0, 7, 0, 0, 2, 0, 0, 0);
    }

    @Test
    void matmulAndItsTransposes() {
        Tensor a = Tensor.matrix(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6});
        Tensor c = Tensor.matrix(new float[] {1, 0, -1}, new float[] {2, 1, 0});
        assertThat(b.matmul(a, false, c, false).data()).containsExactly(5, 2, -1, 11, 4, -3, 17, 6, -5);
        assertThat(b.matmul(a, true, a, false).data()).containsExactly(35, 44, 44, 56);
        assertThat(b.matmul(c, false, c, true).data()).containsExactly(2, 2, 2, 5);
        assertThatThrownBy(() -> b.matmul(a, false, a, false)).hasMessageContaining("[3, 2]").hasMessageContaining("chain");
    }

    @Test
    void logSoftmaxIsStableForLargeLogits() {
        Tensor y = b.logSoftmax(Tensor.vector(1000, 1000));
        assertThat(y.data()).containsExactly((float) -Math.log(2), (float) -Math.log(2));
    }

    @Test
    void sigmoidDoesNotOverflow() {
        assertThat(b.map(Unary.SIGMOID, Tensor.vector(-1000, 0, 1000)).data()).containsExactly(0, 0.5f, 1);
    }
}
