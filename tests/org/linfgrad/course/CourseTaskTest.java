package org.linfgrad.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The grading checks of each course task, tagged with the task's id and its module's name, so that a student
 * runs one task's or one module's checks alone: {@code mvn test -Dgroups=sum-to}, {@code -Dgroups=neurons}.
 * They are the checks {@code linfgrad grade} runs, on every backend this machine has.
 */
class CourseTaskTest {

    @Tag("tape-backward")
    @Tag("tape")
    @TestFactory
    Stream<DynamicTest> tapeBackward() {
        return checks("tape-backward");
    }

    @Tag("gradient-accumulation")
    @Tag("tape")
    @TestFactory
    Stream<DynamicTest> gradientAccumulation() {
        return checks("gradient-accumulation");
    }

    @Tag("sum-to")
    @Tag("broadcasting")
    @TestFactory
    Stream<DynamicTest> sumTo() {
        return checks("sum-to");
    }

    @Tag("simd-linf-forward")
    @Tag("simd")
    @TestFactory
    Stream<DynamicTest> simdLinfForward() {
        return checks("simd-linf-forward");
    }

    @Tag("matmul-backward")
    @Tag("neurons")
    @TestFactory
    Stream<DynamicTest> matmulBackward() {
        return checks("matmul-backward");
    }

    @Tag("log-softmax-backward")
    @Tag("neurons")
    @TestFactory
    Stream<DynamicTest> logSoftmaxBackward() {
        return checks("log-softmax-backward");
    }

    @Tag("linf-backward")
    @Tag("neurons")
    @TestFactory
    Stream<DynamicTest> linfBackward() {
        return checks("linf-backward");
    }

    @Tag("lp-backward")
    @Tag("neurons")
    @TestFactory
    Stream<DynamicTest> lpBackward() {
        return checks("lp-backward");
    }

    @Tag("order-statistic-backward")
    @Tag("neurons")
    @TestFactory
    Stream<DynamicTest> orderStatisticBackward() {
        return checks("order-statistic-backward");
    }

    @Tag("soft-order-backward")
    @Tag("neurons")
    @TestFactory
    Stream<DynamicTest> softOrderBackward() {
        return checks("soft-order-backward");
    }

    @Tag("interval-distance")
    @Tag("certification")
    @TestFactory
    Stream<DynamicTest> intervalDistance() {
        return checks("interval-distance");
    }

    @Tag("interval-order-statistic")
    @Tag("certification")
    @TestFactory
    Stream<DynamicTest> intervalOrderStatistic() {
        return checks("interval-order-statistic");
    }

    @Tag("edge-usage")
    @Tag("pruning")
    @TestFactory
    Stream<DynamicTest> edgeUsage() {
        return checks("edge-usage");
    }

    @Test
    void everyTaskHasChecksHereTaggedWithItsIdAndModule() {
        List<String> tags = Arrays.stream(CourseTaskTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(TestFactory.class))
                .map(m -> Arrays.stream(m.getAnnotationsByType(Tag.class)).map(Tag::value).toList())
                .map(pair -> pair.get(0) + "/" + pair.get(1)).toList();
        assertThat(tags).containsExactlyInAnyOrderElementsOf(
                Tasks.ALL.stream().map(t -> t.id() + "/" + t.module()).toList());
    }

    private static Stream<DynamicTest> checks(String id) {
        Task task = Tasks.byId(id);
        return Stream.of(DynamicTest.dynamicTest(id, () -> {
            TaskResult r = TaskRun.run(task);
            assertThat(r.verdict()).as(r.line() + "\n" + r.feedback()).isEqualTo(Verdict.PASS);
            assertThat(r.score()).isEqualTo(100);
        }));
    }
}
