package org.linfgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CertifyProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aLongAttackSaysWhichStepItHasReached() {
        CertifyProgress progress = new CertifyProgress(out, 360, 100_000_000, 2, 0);
        progress.attackStepped(1, 256, 1, 1);
        progress.attackStepped(1, 256, 2, 7);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  PGD on points 1-256: restart 1 / 2, step 1 / 100000000",
                "  PGD on points 1-256: restart 2 / 2, step 7 / 100000000");
    }

    @Test
    void aQuickAttackPrintsOnlyTheBatchLines() {
        CertifyProgress progress = new CertifyProgress(out, 360, 20, 1);
        for (int step = 1; step <= 20; step++) {
            progress.attackStepped(1, 256, 1, step);
        }
        progress.pointsDone(256);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("  256 / 360 points, ");
    }
}
