package org.linfgrad.gradcheck;

// OMIT FILE log-softmax-backward: its planted bug is the textbook form of the task's answer

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.autograd.functions.LogSoftmax;
import org.linfgrad.backend.Backend;
import org.linfgrad.backend.Backends;
import org.linfgrad.backend.Binary;
import org.linfgrad.backend.Unary;
import org.linfgrad.tensor.Shape;
import org.linfgrad.tensor.Tensor;

/** The softmax oracle sees what central differences in float32 cannot: a log-softmax backward that loses g_m (1 - s_m). */
class SoftmaxOracleTest {

    /** The textbook backward g - s * sum(g), which drops g_m (1 - s_m) once s_m rounds to 1: the planted bug. */
    private record TextbookLogSoftmax() implements Function<Tensor> {
        @Override
        public Forward<Tensor> forward(Tensor... in) {
            return new LogSoftmax().forward(in);
        }

        @Override
        public Tensor[] backward(Tensor y, Tensor g) {
            Backend b = Backends.current();
            int last = y.rank() - 1;
            Tensor rowSums = b.sum(g, last).reshape(Shape.withUnit(Shape.without(y.shape(), last), last));
            return new Tensor[] {b.zip(Binary.SUB, g, b.zip(Binary.MUL, b.map(Unary.EXP, y), rowSums))};
        }
    }

    @Test
    void plantedMissingTermFailsTheOracleCheckThatCentralDifferencesPass() {
        GradCheckCase planted = OracleCases.saturatedSoftmax(new TextbookLogSoftmax());
        GradCheckCase real = OracleCases.saturatedSoftmax(new LogSoftmax());
        for (long seed = 1; seed <= 5; seed++) {
            GradCheck.Report oracle = planted.run(seed);
            assertThat(oracle.passed()).as("oracle check of the planted bug: " + oracle.describe()).isFalse();
            Tensor[] inputs = planted.inputs().sample(new java.util.Random(seed));
            GradCheck.Report central = GradCheck.check(planted.name(), planted.f(), GradCheck.Settings.DEFAULT, seed,
                    inputs);
            assertThat(central.passed()).as("float32 central differences cannot see it: " + central.describe()).isTrue();
            GradCheck.Report fixed = real.run(seed);
            assertThat(fixed.passed()).as(fixed.describe()).isTrue();
        }
    }
}
