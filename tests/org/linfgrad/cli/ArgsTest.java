package org.linfgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The flag rules of issue 16: no value becomes "true", switches are strict, nothing is given twice. */
class ArgsTest {

    @Test
    void flagsTakeTheNextWordOrTheTextAfterTheEqualsSign() {
        Args args = Args.parse(new String[] {"--out", "dir", "--eps=-0.5", "--name=--odd", "plain"});
        assertThat(args.string("out", null)).isEqualTo("dir");
        assertThat(args.number("eps", 0)).isEqualTo(-0.5);
        assertThat(args.string("name", null)).isEqualTo("--odd");
        assertThat(args.argument("a plain argument")).isEqualTo("plain");
        assertThat(args.string("absent", "fallback")).isEqualTo("fallback");
        args.requireAllUsed();
    }

    @Test
    void aFlagWithoutItsValueIsRefusedNamingTheFlag() {
        for (String[] argv : new String[][] {{"--out"}, {"--out", "--epochs", "3"}, {"--out="}}) {
            Args args = Args.parse(argv);
            assertThatThrownBy(() -> args.string("out", "runs/digits")).isInstanceOf(UsageException.class)
                    .hasMessage("--out needs a value: write --out VALUE");
        }
        Args number = Args.parse(new String[] {"--epochs"});
        assertThatThrownBy(() -> number.integer("epochs", 60)).hasMessage("--epochs needs a value: write --epochs VALUE");
    }

    @Test
    void aSwitchIsOnWhenPresentAndRefusesAnyValue() {
        assertThat(Args.parse(new String[] {"--resume"}).isSet("resume")).isTrue();
        assertThat(Args.parse(new String[] {"--resume", "--out", "d"}).isSet("resume")).isTrue();
        assertThat(Args.parse(new String[] {}).isSet("resume")).isFalse();
        for (String value : new String[] {"yes", "true", "false", "0"}) {
            Args args = Args.parse(new String[] {"--resume", value});
            assertThatThrownBy(() -> args.isSet("resume")).isInstanceOf(UsageException.class)
                    .hasMessage("--resume is a switch and takes no value, got '" + value
                            + "': write --resume alone to turn it on, or leave it out");
        }
        assertThatThrownBy(() -> Args.parse(new String[] {"--resume=no"}).isSet("resume"))
                .hasMessageContaining("takes no value, got 'no'");
    }

    @Test
    void aRepeatedFlagIsRefused() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--epochs", "3", "--epochs", "4"}))
                .isInstanceOf(UsageException.class).hasMessage("--epochs is given twice; give it once");
        assertThatThrownBy(() -> Args.parse(new String[] {"--resume", "--resume"}))
                .hasMessage("--resume is given twice; give it once");
    }

    @Test
    void aBareDoubleDashIsRefused() {
        assertThatThrownBy(() -> Args.parse(new String[] {"--"})).hasMessageContaining("got '--'");
        assertThatThrownBy(() -> Args.parse(new String[] {"--=3"})).hasMessageContaining("got '--=3'");
    }
}
