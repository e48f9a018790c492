package org.linfgrad.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.linfgrad.autograd.Function;
import org.linfgrad.autograd.GradCheck;
import org.linfgrad.autograd.Tape;
import org.linfgrad.autograd.Var;
import org.linfgrad.tensor.Tensor;

/**
 * Every registered operation, gradient-checked on several random shapes and values; and every Function of
 * {@code autograd.functions} registered, so a new Function without a case fails here until it gets one.
 */
class GradCheckSuiteTest {
    private static final int DRAWS = 6;
    private static final Path FUNCTIONS = Path.of("target/classes/org/linfgrad/autograd/functions");

    @TestFactory
    Stream<DynamicTest> everyOperationPassesItsGradientCheck() {
        return GradCheckSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            // the last draws a student copy's recorded oracles cover, after the ones gradcheck and grade make
            for (long seed = RecordedOracles.SEEDS - DRAWS; seed < RecordedOracles.SEEDS; seed++) {
                GradCheck.Report report = c.run(seed);
                assertThat(report.passed()).as(report.describe()).isTrue();
                assertThat(report.checked()).as("elements checked").isPositive();
            }
        }));
    }

    @Test
    void everyFunctionClassIsExercisedBySomeCase() throws IOException, ClassNotFoundException {
        Set<Class<?>> functions = new HashSet<>();
        try (Stream<Path> files = Files.list(FUNCTIONS)) {
            for (Path file : files.map(Path::getFileName).filter(f -> !f.toString().contains("$")).toList()) {
                Class<?> type = Class.forName(Function.class.getPackageName() + ".functions."
                        + file.toString().replace(".class", ""));
                if (Function.class.isAssignableFrom(type)) {
                    functions.add(type);
                }
            }
        }
        assertThat(functions).as("Function classes found").hasSizeGreaterThan(10);
        Set<Class<?>> exercised = new HashSet<>();
        for (GradCheckCase c : GradCheckSuite.cases()) {
            Tensor[] inputs = c.inputs().sample(new Random(1));
            try (Tape tape = Tape.open()) {
                c.f().apply(Arrays.stream(inputs).map(Var::param).toArray(Var[]::new));
                exercised.addAll(tape.functionKinds());
            }
        }
        assertThat(exercised).as("functions some gradcheck case applies: register a case in CoreCases or "
                + "NeuronCases for a new Function").containsAll(functions);
    }
}
