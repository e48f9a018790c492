package org.linfgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void broadcastAlignsTrailingAxes() {
        assertThat(Shape.broadcast("add", new int[] {4, 3}, new int[] {3})).containsExactly(4, 3);
        assertThat(Shape.broadcast("add", new int[] {4, 1}, new int[] {1, 5})).containsExactly(4, 5);
        assertThat(Shape.broadcast("add", new int[] {}, new int[] {2, 2})).containsExactly(2, 2);
    }

    @Test
    void mismatchNamesOperationAndBothShapes() {
        assertThatThrownBy(() -> Shape.broadcast("mul", new int[] {2, 3}, new int[] {4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mul").hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
    }

    @Test
    void stridesAreRowMajorAndZeroWhereBroadcast() {
        assertThat(Shape.strides(2, 3, 4)).containsExactly(12, 4, 1);
        assertThat(Shape.broadcastStrides(new int[] {3, 1}, new int[] {2, 3, 4})).containsExactly(0, 1, 0);
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        assertThat(Shape.axis("sum", new int[] {2, 3}, -1)).isEqualTo(1);
        assertThatThrownBy(() -> Shape.axis("sum", new int[] {2, 3}, 2)).hasMessageContaining("axis 2");
    }
}
