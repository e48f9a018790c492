package org.linfgrad.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void theLineIsNarrowerThanTheTerminalAtEveryWidth() {
        for (int columns : new int[] {20, 40, 60, 80, 120, 300}) {
            for (int done : new int[] {0, 1, 11, 23}) {
                String line = ProgressBar.line(columns, 12, 60, done, 23, 75.4, 4512.3, 0.123456);
                assertThat(line.length()).as("%d columns", columns).isLessThanOrEqualTo(columns - 1);
            }
        }
        assertThat(ProgressBar.line(80, 3, 60, 10, 20, 2.4, 4512.3, 0.123456)).hasSize(79)
                .startsWith("epoch 3/60 [").endsWith("]  50% 0:02<0:02  4512 samples/s  loss 0.1235");
        assertThat(ProgressBar.line(39, 3, 60, 10, 20, 2.4, 4512.3, 0.1)).isEqualTo("epoch 3/60 50% 0:02<0:02  loss 0.1000");
    }

    @Test
    void elapsedAndEtaAreClockTimes() {
        assertThat(ProgressBar.clock(5)).isEqualTo("0:05");
        assertThat(ProgressBar.clock(754.6)).isEqualTo("12:35");
        assertThat(ProgressBar.clock(3 * 3600 + 62)).isEqualTo("3:01:02");
        assertThat(ProgressBar.line(100, 1, 1, 1, 4, 30, 1, 1)).contains(" 25% 0:30<1:30 ");
    }

    @Test
    void theWidthComesFromColumnsElse80() {
        assertThat(ProgressBar.columns("132")).isEqualTo(132);
        assertThat(ProgressBar.columns(null)).isEqualTo(80);
        assertThat(ProgressBar.columns("wide")).isEqualTo(80);
        assertThat(ProgressBar.columns("0")).isEqualTo(80);
    }

    @Test
    void redrawsInPlaceAndClearsWithoutWrapping() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 80);
        bar.update(1, 2, 1, 2, 100, 0.5);
        bar.update(1, 2, 2, 2, 100, 0.5);
        bar.clear();
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("\n");
        for (String redraw : written.split("\r")) {
            assertThat(redraw.length()).isLessThanOrEqualTo(79);
        }
        assertThat(written).endsWith("\r" + " ".repeat(79) + "\r");
    }

    @Test
    void offATerminalItWritesNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes), false, 80);
        bar.update(1, 2, 1, 2, 100, 0.5);
        bar.clear();
        assertThat(bytes.size()).isZero();
    }
}
