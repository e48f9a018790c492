package org.linfgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linfgrad.certify.Report;
import org.linfgrad.gradcheck.SuiteResults;

/** The JSON faults of issue 17, each fixed by reading and writing through {@link Json} (Gson). */
class JsonTest {
    private record Sample(String text, double value, Double missing, List<Double> values) {}

    @Test
    void everyEscapeIsDecodedAndEveryControlCharacterWrittenEscaped() {
        JsonObject o = Json.parseObject("{\"s\":\"a\\r\\b\\f\\t\\n\\\"\\\\\\/\\u00e9z\"}");
        assertThat(o.get("s").getAsString()).isEqualTo("a\r\b\f\t\n\"\\/\u00e9z");
        String text = "cr\r bs\b ff\f nul\u0000 quote\" backslash\\ <html>";
        String written = Json.write(new Sample(text, 1, null, List.of()));
        assertThat(written).doesNotContain("\r").doesNotContain("\b").doesNotContain("\f").doesNotContain("\u0000")
                .contains("<html>");
        assertThat(Json.read(written, Sample.class).text()).isEqualTo(text);
    }

    @Test
    void integersOfAnyLengthReadExactly() {
        JsonObject o = Json.parseObject("{\"n\":123456789012345678901234567890,\"m\":-9223372036854775809}");
        assertThat(o.get("n").getAsBigDecimal()).isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(o.get("m").getAsBigDecimal()).isEqualTo(new BigDecimal("-9223372036854775809"));
    }

    @Test
    void nestingIsBoundedAt128LevelsWithoutExhaustingTheStack() {
        String deepest = "{\"a\":" + "[".repeat(127) + "]".repeat(127) + "}";
        assertThat(Json.parseObject(deepest).has("a")).isTrue();
        String tooDeep = "{\"a\":" + "[".repeat(128) + "]".repeat(128) + "}";
        assertThatThrownBy(() -> Json.parseObject(tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested deeper than 128 levels");
        String hostile = "{\"a\":" + "[".repeat(1_000_000) + "]".repeat(1_000_000) + "}";
        assertThatThrownBy(() -> Json.parseObject(hostile)).hasMessageContaining("nested deeper than 128 levels");
    }

    @Test
    void aRepeatedKeyOrAnythingButOneStrictObjectIsRefused() {
        assertThatThrownBy(() -> Json.parseObject("{\"a\":1,\"a\":2}")).hasMessageContaining("key \"a\" repeated");
        for (String bad : new String[] {"[1]", "{\"a\":1} {}", "{a:1}", "{\"a\":NaN}", "{\"a\":1,}", "{\"a\":01}", ""}) {
            assertThatThrownBy(() -> Json.parseObject(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nonFiniteNumbersAreWrittenAsStringsThatStrictParsersAcceptAndReadBack() {
        Sample sample = new Sample("x", Double.NaN, Double.POSITIVE_INFINITY,
                List.of(Double.NEGATIVE_INFINITY, 0.25, Double.NaN));
        String written = Json.write(sample);
        assertThat(written).isEqualTo("{\"text\":\"x\",\"value\":\"NaN\",\"missing\":\"Infinity\","
                + "\"values\":[\"-Infinity\",0.25,\"NaN\"]}");
        Json.parseObject(written); // valid strict JSON
        assertThat(Json.read(written, Sample.class)).isEqualTo(sample);
        Map<String, Double> line = new LinkedHashMap<>(Map.of("p", Double.POSITIVE_INFINITY));
        assertThat(Json.read(Json.write(line), new TypeToken<Map<String, Double>>() {})).isEqualTo(line);
        assertThatThrownBy(() -> Json.read("{\"value\":\"inf\"}", Sample.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"NaN\", \"Infinity\", \"-Infinity\"");
    }

    @Test
    void nullsAreWrittenAndRecordComponentsAreSnakeCase() {
        SuiteResults results = new SuiteResults("reference", List.of(new SuiteResults.Result("a", false, null, "boom")));
        assertThat(results.toJson()).isEqualTo("{\"backend\":\"reference\",\"cases\":[{\"name\":\"a\",\"passed\":false,"
                + "\"worst_ratio\":null,\"error\":\"boom\"}]}\n");
    }

    @Test
    void aGradientCheckWithANaNRatioIsWrittenAsJsonThatGradeReadsBack() {
        SuiteResults results = new SuiteResults("reference", List.of(
                new SuiteResults.Result("nan case", false, Double.NaN, null),
                new SuiteResults.Result("inf case", false, Double.POSITIVE_INFINITY, null),
                new SuiteResults.Result("ok", true, 0.5, null)));
        String text = results.toJson();
        Json.parseObject(text);
        assertThat(SuiteResults.fromJson(text)).isEqualTo(results);
        assertThatThrownBy(() -> SuiteResults.fromJson("{\"backend\":\"simd\"}")).hasMessageContaining("no cases");
    }

    @Test
    void theReportKeepsAModelStringWithQuotesAndReadsBack() {
        Report report = new Report(0.1, 360, 0.9, 0.8, 0.7, 0.75, 0.76, 0, List.of(new double[] {0, 0.9},
                new double[] {0.1, 0.76}));
        String model = "dist:\"linf\"\\5x128\n";
        String text = report.toJson(model);
        JsonObject o = Json.parseObject(text);
        assertThat(o.get("model").getAsString()).isEqualTo(model);
        assertThat(o.get("clean_accuracy").getAsDouble()).isEqualTo(0.9);
        assertThat(o.get("certified_by_radius").getAsJsonArray().get(1).getAsJsonArray().get(1).getAsDouble())
                .isEqualTo(0.76);
        Report back = Report.fromJson(text);
        assertThat(back.certified()).isEqualTo(0.76);
        assertThat(back.violations()).isZero();
        assertThat(back.curve()).containsExactly(new double[] {0, 0.9}, new double[] {0.1, 0.76});
    }
}
