package org.linfgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.linfgrad.train.TrainConfig;
import picocli.CommandLine;

/**
 * The flag rules of issue 16 on picocli (issue 17): no value becomes "true", switches are strict, nothing is
 * given twice, and each refusal is one line naming the flag, with exit status 2.
 */
class FlagsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Runs a command line that must be refused as bad usage; returns its one line on stderr. */
    private String refused(String... args) {
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        String line = err.toString(StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("Exception");
        assertThat(line.strip()).doesNotContain("\n");
        return line.strip();
    }

    /** The train command's configuration for these flags, parsed as the command line parses them. */
    private static TrainConfig train(String... args) {
        TrainCommand command = new TrainCommand();
        CommandLine commandLine = new CommandLine(command);
        Converters.register(commandLine);
        commandLine.parseArgs(args);
        return command.config();
    }

    @Test
    void trainFlagsSetTheBuildersFieldsAndTheRestKeepsItsDefaults() {
        assertThat(train()).isEqualTo(TrainConfig.builder("digits").build());
        assertThat(train("--data-set", "fashion-mnist")).isEqualTo(TrainConfig.builder("fashion-mnist").build());
        TrainConfig c = train("--epochs", "3", "--eps=-0.0", "--p", "inf", "--resume", "--optimizer", "sgd",
                "--loss", "hinge", "--out", "runs/x", "--seed", "7", "--val", "0.1");
        assertThat(c).isEqualTo(TrainConfig.builder("digits").epochs(3).eps(-0.0).fixedP(Double.POSITIVE_INFINITY)
                .resume(true).optimizer("sgd").loss("hinge").out(Path.of("runs/x")).seed(7).validation(0.1).build());
    }

    @Test
    void aValueMayStartWithDashesAfterTheEqualsSign() {
        assertThat(refused("gradcheck", "--only=--odd")).isEqualTo("linfgrad gradcheck: no operation matches --only '--odd'");
    }

    @Test
    void aFlagWithoutItsValueIsRefusedNamingTheFlag() {
        for (String[] argv : new String[][] {{"train", "--out"}, {"train", "--out", "--epochs", "3"},
                {"train", "--out="}}) {
            assertThat(refused(argv)).isEqualTo("linfgrad train: --out needs a value: write --out VALUE");
        }
        assertThat(refused("train", "--epochs")).isEqualTo("linfgrad train: --epochs needs a value: write --epochs VALUE");
    }

    @Test
    void aSwitchRefusesAnyValue() {
        for (String value : new String[] {"yes", "true", "false", "0"}) {
            assertThat(refused("train", "--resume", value)).isEqualTo("linfgrad train: --resume is a switch and "
                    + "takes no value, got '" + value + "': write --resume alone to turn it on, or leave it out");
        }
        assertThat(refused("train", "--resume=no")).contains("--resume is a switch and takes no value, got 'no'");
    }

    @Test
    void aRepeatedFlagIsRefused() {
        assertThat(refused("train", "--epochs", "3", "--epochs", "4"))
                .isEqualTo("linfgrad train: --epochs is given twice; give it once");
        assertThat(refused("train", "--resume", "--resume")).isEqualTo("linfgrad train: --resume is given twice; give it once");
    }

    @Test
    void aDoubleDashEndsTheFlagsSoWhatFollowsIsAnArgument() {
        assertThat(refused("train", "--", "--epochs", "3")).startsWith("linfgrad train: unknown flag --epochs");
        assertThat(refused("train", "--=3")).isEqualTo("linfgrad train: unknown flag --=3");
    }

    @Test
    void valuesOfTheWrongTypeNameTheFlagTheValueAndWhatItMustBe() {
        assertThat(refused("gradcheck", "--seeds", "three")).isEqualTo("linfgrad gradcheck: --seeds must be an integer, got 'three'");
        assertThat(refused("certify", "--model", "m", "--eps", "NaN"))
                .isEqualTo("linfgrad certify: --eps must be a finite number, got 'NaN'");
        assertThat(refused("train", "--optimizer", "adamw"))
                .isEqualTo("linfgrad train: --optimizer must be one of adam, sgd, got 'adamw'");
        assertThat(refused("train", "--data-set", "mnist"))
                .isEqualTo("linfgrad train: --data-set must be one of digits, fashion-mnist, got 'mnist'");
        assertThat(refused("train", "--p", "infinity")).isEqualTo("linfgrad train: --p must be a number or inf, got 'infinity'");
        assertThat(refused("--backend", "cuda", "info")).contains("--backend must be one of reference, simd, opencl, got 'cuda'");
    }

    @Test
    void requiredOptionsArgumentsAndExclusiveGroupsSayWhatToGive() {
        assertThat(refused("certify")).isEqualTo("linfgrad certify: --model CKPT is required (a checkpoint written by train)");
        assertThat(refused("grade")).startsWith("linfgrad grade: missing DIR (the student copy");
        String group = "give exactly one of --threshold N (a usage count, or a fraction of the training samples when "
                + "below 1) or --keep F (a fraction of the edges)";
        assertThat(refused("prune", "--model", "m")).isEqualTo("linfgrad prune: " + group);
        assertThat(refused("prune", "--model", "m", "--threshold", "1", "--keep", "0.5")).isEqualTo("linfgrad prune: " + group);
    }

    @Test
    void unknownCommandsAndFlagsGetSuggestions() {
        assertThat(refused("trian")).startsWith("linfgrad: unknown command 'trian'; did you mean train?")
                .contains("gradcheck");
        assertThat(refused("gradcheck", "--seed", "3")).isEqualTo("linfgrad gradcheck: unknown flag --seed; did you mean --seeds?");
        assertThat(refused("info", "extra")).isEqualTo("linfgrad info: unexpected argument 'extra' (flags look like --name value)");
    }

    @Test
    void helpVersionAndCompletionAreEverywhere() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("linfgrad 0.").doesNotContain("${");
        for (String[] help : new String[][] {{"train", "--help"}, {"train", "-h"}, {"help", "train"}}) {
            assertThat(run(help)).isZero();
            String usage = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            assertThat(usage).contains("Usage: linfgrad train")
                    .contains("--epochs=N passes over the training set (default: 60 on digits, 30 on fashion-mnist)")
                    .contains("(default: 0.02)").contains("--resume").contains("--backend=NAME")
                    .contains("digits, fashion-mnist").doesNotContain("${").doesNotContain("null");
        }
        assertThat(run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: linfgrad").contains("certify").contains("completion");
        assertThat(run("completion")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("complete -F").contains("--threshold")
                .contains("fashion-mnist");
    }

    @Test
    void theBackendFlagWorksBeforeAndAfterTheCommand() {
        assertThat(run("info", "--backend", "reference")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backend   reference");
        assertThat(run("--backend", "simd", "info")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backend   simd");
    }
}
