package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every broken value of {@link CorruptCheckpoints} is refused at load with one line naming file and value. */
class LoadedValuesTest {
    @TempDir
    Path dir;

    static List<CorruptCheckpoints.Case> cases() {
        return CorruptCheckpoints.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBrokenValueIsRefusedAtLoad(CorruptCheckpoints.Case c) throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        CorruptCheckpoints.write(file, c);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Checkpoint.load(file)).isExactlyInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(c.expected())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat((System.nanoTime() - start) / 1e9).as("refused before a network is allocated").isLessThan(2);
    }

    @Test
    void theValidCheckpointLoads() throws IOException {
        Path file = dir.resolve("checkpoint.safetensors");
        CorruptCheckpoints.writeValid(file);
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        assertThat(loaded.network().spec().format()).isEqualTo("dist:linf:2x8");
        assertThat(loaded.normalization().std()).isEqualTo(0.5f);
        assertThat(loaded.extra()).containsKey("adam.m.0.weight");
    }
}
