package org.linfgrad.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.gradcheck.GradCheckCase;
import org.linfgrad.gradcheck.GradCheckSuite;

/**
 * The gradient checks of each course task, tagged with the task's id, so that a student runs one task's
 * tests alone: {@code mvn test -Dgroups=matmul-backward}.
 */
class CourseTaskTest {
    private static final int DRAWS = 4;

    @Tag("matmul-backward")
    @TestFactory
    Stream<DynamicTest> matmulBackward() {
        return checks("matmul-backward");
    }

    @Tag("log-softmax-backward")
    @TestFactory
    Stream<DynamicTest> logSoftmaxBackward() {
        return checks("log-softmax-backward");
    }

    @Tag("linf-backward")
    @TestFactory
    Stream<DynamicTest> linfBackward() {
        return checks("linf-backward");
    }

    @Tag("lp-backward")
    @TestFactory
    Stream<DynamicTest> lpBackward() {
        return checks("lp-backward");
    }

    @Tag("order-statistic-backward")
    @TestFactory
    Stream<DynamicTest> orderStatisticBackward() {
        return checks("order-statistic-backward");
    }

    @Tag("soft-order-backward")
    @TestFactory
    Stream<DynamicTest> softOrderBackward() {
        return checks("soft-order-backward");
    }

    @Test
    void everyTaskHasTaggedChecksHere() {
        String[] tags = Arrays.stream(CourseTaskTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(TestFactory.class)).map(m -> m.getAnnotation(Tag.class))
                .map(Tag::value).toArray(String[]::new);
        assertThat(tags).containsExactlyInAnyOrderElementsOf(Tasks.ids(Tasks.ALL));
    }

    private static Stream<DynamicTest> checks(String id) {
        return Tasks.byId(id).cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            GradCheckCase c = GradCheckSuite.cases().stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("task " + id + " names the unknown case '" + name + "'"));
            for (long seed = 200; seed < 200 + DRAWS; seed++) {
                GradCheck.Report report = c.run(seed);
                assertThat(report.passed()).as(report.describe()).isTrue();
            }
        }));
    }
}
