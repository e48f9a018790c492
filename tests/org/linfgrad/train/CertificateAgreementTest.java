package org.linfgrad.train;

import static org.assertj.core.api.Assertions.assertThat;


import com.google.gson.reflect.TypeToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.linfgrad.certify.Certificate;
import org.linfgrad.cli.Main;
import org.linfgrad.io.Json;
import org.linfgrad.model.EveryModel;

/**
 * The trainer reports, for every model kind, the certificate that is valid for it, and exactly the figure that
 * {@code certify} computes on the checkpoint it wrote: margins for a dist net, interval bounds for a hybrid.
 */
class CertificateAgreementTest {
    private static final int TEST_SIZE = 360;

    @TempDir
    Path dir;

    static List<String> models() {
        return EveryModel.specs("3x24", "2x24");
    }

    @ParameterizedTest
    @MethodSource("models")
    void theTrainersLastFiguresAreThoseOfCertifyOnItsCheckpoint(String model) throws IOException {
        TrainConfig config = TrainConfig.builder("digits").model(model).epochs(2).eps(0.05).seed(11).out(dir).build();
        Trainer.Result result = new Trainer(config, new PrintStream(new ByteArrayOutputStream())).run();
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        Map<String, Object> last = Json.read(metrics.getLast(), new TypeToken<Map<String, Object>>() {});

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"certify", "--model", result.checkpoint().toString(), "--eps", "0.05",
                "--steps", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, Object> report = Json.read(Files.readString(dir.resolve("certify-eps0.050.json")),
                new TypeToken<Map<String, Object>>() {});

        Certificate expected = model.startsWith("dist") ? Certificate.MARGIN : Certificate.INTERVAL;
        assertThat(result.certificate()).isEqualTo(expected);
        String certifiedByIt = expected == Certificate.MARGIN ? "margin_certified" : "interval_certified";
        int clean = points(report.get("clean_accuracy"));
        int certified = points(report.get(certifiedByIt));
        assertThat(Math.round(result.test().accuracy() * TEST_SIZE)).as("clean, final table").isEqualTo(clean);
        assertThat(Math.round(result.test().certifiedAccuracy() * TEST_SIZE)).as("certified, final table")
                .isEqualTo(certified);
        assertThat(points(last.get("test_accuracy"))).as("clean, last metrics line").isEqualTo(clean);
        assertThat(points(last.get("test_certified"))).as("certified, last metrics line").isEqualTo(certified);
        if (expected == Certificate.INTERVAL) {
            assertThat(report.get("margin_certified")).as("no margin certificate for a hybrid").isEqualTo(0.0);
        }
    }

    /** A fraction of the 360 test points, written with 5 or more digits, as a count. */
    private static int points(Object fraction) {
        return (int) Math.round(((Number) fraction).doubleValue() * TEST_SIZE);
    }
}
