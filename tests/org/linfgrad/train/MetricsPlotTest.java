package org.linfgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linfgrad.io.LineChart;

class MetricsPlotTest {
    @Test
    void thePhasesOfPAreTheRunsOfEpochsWithOneP() {
        List<Map<String, Double>> history = new ArrayList<>();
        for (int epoch = 0; epoch < 20; epoch++) {
            history.add(Map.of("epoch", epoch + 1.0, "p", Schedules.p(epoch, 20)));
        }
        List<LineChart.Band> bands = MetricsLog.phases(history);
        assertThat(bands.getFirst()).isEqualTo(new LineChart.Band(0.5, 2.5, "8"));
        assertThat(bands.getLast().label()).isEqualTo("inf");
        assertThat(bands.getLast().to()).isEqualTo(20.5);
        for (int k = 1; k < bands.size(); k++) {
            assertThat(bands.get(k).from()).isEqualTo(bands.get(k - 1).to());
        }
        assertThat(bands.stream().map(LineChart.Band::label)).doesNotHaveDuplicates();
    }

    @Test
    void aConstantPOrALogWithoutPHasNoPhases() {
        assertThat(MetricsLog.phases(List.of(Map.of("epoch", 1.0, "p", Double.POSITIVE_INFINITY),
                Map.of("epoch", 2.0, "p", Double.POSITIVE_INFINITY)))).isEmpty();
        assertThat(MetricsLog.phases(List.of(Map.of("epoch", 1.0), Map.of("epoch", 2.0, "p", 8.0)))).isEmpty();
    }
}
