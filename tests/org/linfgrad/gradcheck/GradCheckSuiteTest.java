package org.linfgrad.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.linfgrad.autograd.GradCheck;

/** Every registered operation, gradient-checked on several random shapes and values. */
class GradCheckSuiteTest {
    private static final int DRAWS = 6;

    @TestFactory
    Stream<DynamicTest> everyOperationPassesItsGradientCheck() {
        return GradCheckSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (long seed = 100; seed < 100 + DRAWS; seed++) {
                GradCheck.Report report = c.run(seed);
                assertThat(report.passed()).as(report.describe()).isTrue();
                assertThat(report.checked()).as("elements checked").isPositive();
            }
        }));
    }
}
