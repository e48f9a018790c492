package org.linfgrad.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linfgrad.autograd.GradCheck;

class RecordedOraclesTest {

    @Test
    void theRecordingGivesTheDerivationsValuesOnEveryRecordedDrawAndSaysWhenADrawIsNot() {
        Map<String, Map<String, double[][]>> recording = RecordedOracles.parse(RecordedOracles.record());
        List<GradCheckCase> cases = new ArrayList<>();
        OracleCases.addTo(cases);
        assertThat(recording.keySet()).containsExactlyElementsOf(cases.stream().map(GradCheckCase::name).toList());
        for (GradCheckCase c : cases) {
            GradCheck.Oracle recorded = RecordedOracles.find(c.name(), recording).orElseThrow();
            List<double[][]> seen = new ArrayList<>();
            GradCheckCase live = new GradCheckCase(c.name(), c.inputs(), c.f(), (in, cotangent) -> {
                double[][] exact = c.oracle().gradients(in, cotangent);
                assertThat(recorded.gradients(in, cotangent)).as(c.name()).isDeepEqualTo(exact);
                seen.add(exact);
                return exact;
            });
            for (long seed = 0; seed < RecordedOracles.SEEDS; seed++) {
                assertThat(live.run(seed).passed()).isTrue();
            }
            assertThat(seen).hasSize(RecordedOracles.SEEDS);
            GradCheckCase replay = new GradCheckCase(c.name(), c.inputs(), c.f(), recorded);
            assertThatThrownBy(() -> replay.run(RecordedOracles.SEEDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessage(c.name() + ": this copy has the oracle's gradients for seeds 0 to "
                            + (RecordedOracles.SEEDS - 1) + " only (gradcheck --seeds " + RecordedOracles.SEEDS
                            + " at most)");
        }
    }

    @Test
    void aCopyWithoutARecordingComputesTheOracles() {
        assertThat(RecordedOracles.find("softmax, saturated rows (double oracle)", null)).isEmpty();
    }
}
