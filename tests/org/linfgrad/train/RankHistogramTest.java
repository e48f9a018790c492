package org.linfgrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.model.ModelSpec;
import org.linfgrad.model.Network;

class RankHistogramTest {
    @TempDir
    Path dir;

    @Test
    void aFreshSoftOrderNetStartsNextToTheMaxInEveryLayerAndOtherNetsHaveNoRanks() throws IOException {
        Network soft = Network.create(ModelSpec.parse("dist:softorder:3x16", 8, 4), new Random(1));
        List<double[]> ranks = RankHistogram.relativeRanks(soft);
        assertThat(ranks).hasSize(3); // two hidden layers and the output layer
        for (double[] layer : ranks) {
            assertThat(java.util.Arrays.stream(layer).boxed().toList()).allSatisfy(r -> assertThat(r).isBetween(0.9, 1.0));
            double[] shares = RankHistogram.shares(layer);
            assertThat(shares[RankHistogram.BINS - 1]).isCloseTo(1.0, within(1e-9));
        }
        Path png = dir.resolve("ranks.png");
        assertThat(RankHistogram.write(png, ranks)).startsWith("median relative rank per layer 0.9");
        assertThat(png).isNotEmptyFile();
        assertThat(Files.exists(dir.resolve("ranks.svg"))).isTrue();
        assertThat(RankHistogram.relativeRanks(Network.create(ModelSpec.parse("dist:linf:3x16", 8, 4),
                new Random(1)))).isEmpty();
    }

    @Test
    void sharesCountEachValueInItsBinWithOneInTheLast() {
        double[] shares = RankHistogram.shares(new double[] {0, 0.5, 0.52, 1});
        assertThat(shares[0]).isEqualTo(0.25);
        assertThat(shares[RankHistogram.BINS / 2]).isEqualTo(0.5);
        assertThat(shares[RankHistogram.BINS - 1]).isEqualTo(0.25);
        assertThat(java.util.Arrays.stream(shares).sum()).isCloseTo(1, within(1e-12));
    }
}
