package org.linfgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.jsonl: one JSON object per epoch, p = infinity written as "Infinity", a cut-short line dropped. */
class MetricsLogTest {
    @TempDir
    Path dir;

    @Test
    void linesReadBackAsWrittenUpToALineCutShort() throws IOException {
        Path path = dir.resolve("metrics.jsonl");
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("epoch", 1.0);
        first.put("p", 8.0);
        first.put("eps", 0.05);
        Map<String, Double> second = new LinkedHashMap<>(first);
        second.put("epoch", 2.0);
        second.put("p", Double.POSITIVE_INFINITY);
        try (Writer log = MetricsLog.open(path)) {
            MetricsLog.append(log, path, first);
            MetricsLog.append(log, path, second);
        }
        assertThat(Files.readAllLines(path).get(1)).isEqualTo("{\"epoch\":2.0,\"p\":\"Infinity\",\"eps\":0.05}");
        Files.writeString(path, "{\"epoch\":3.0,\"p\":\"Infin", java.nio.file.StandardOpenOption.APPEND);
        assertThat(MetricsLog.read(path)).containsExactly(first, second);
        assertThat(MetricsLog.readUpTo(path, 1)).isEqualTo(List.of(first));
    }
}
