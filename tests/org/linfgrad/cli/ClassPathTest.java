package org.linfgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the library in JVMs started as users start them: without Aparapi on the class path (the
 * CPU backends must not load one of its classes), and without the Vector API flag (the launcher adds it, the
 * library falls back to the reference backend).
 */
class ClassPathTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** linfgrad's own classes (main and test) and its required dependencies (picocli, Gson), without Aparapi. */
    private static final String LINFGRAD_ONLY = String.join(java.io.File.pathSeparator, Path.of("target/classes").toString(),
            Path.of("target/test-classes").toString(), requiredJars());

    @TempDir
    Path dir;

    private record Run(int status, String output) {}

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private static String[] cli(String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "--add-modules=jdk.incubator.vector",
                "-Xlog:class+load=info", "-cp", LINFGRAD_ONLY, "org.linfgrad.cli.Main"));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    @Test
    void trainingOnTheCpuLoadsNoAparapiClass() throws Exception {
        Run train = run(cli("train", "--epochs", "1", "--model", "dist:linf:2x16", "--out", dir.toString()));
        assertThat(train.status()).as(train.output()).isZero();
        assertThat(train.output()).contains("org.linfgrad.backend.simd.SimdBackend").doesNotContain("com.aparapi");
    }

    @Test
    void infoAndTheOpenclBackendSayInOneLineThatAparapiIsMissing() throws Exception {
        Run info = run(cli("info"));
        assertThat(info.status()).as(info.output()).isZero();
        assertThat(info.output()).contains("opencl    unavailable: Aparapi (com.aparapi:aparapi 3.0.2) is not on the "
                + "class path").doesNotContain("com.aparapi.");
        Run opencl = run(cli("gradcheck", "--only", "add", "--seeds", "1", "--backend", "opencl"));
        assertThat(opencl.status()).as(opencl.output()).isZero();
        assertThat(opencl.output()).contains("linfgrad: the opencl backend needs Aparapi (com.aparapi:aparapi 3.0.2) "
                + "on the class path; using the simd backend").doesNotContain("com.aparapi.");
    }

    @Test
    void theJarLauncherRestartsAJvmWithoutTheVectorModule() throws Exception {
        Run info = run(JAVA.toString(), "-cp", LINFGRAD_ONLY, "org.linfgrad.cli.JarLauncher", "info");
        assertThat(info.status()).as(info.output()).isZero();
        assertThat(info.output()).contains("backend   simd").contains("float lanes per vector");
    }

    @Test
    void aProgramUsingTheLibraryWithoutFlagsRunsOnTheReferenceBackend() throws Exception {
        Run user = run(JAVA.toString(), "-cp", LINFGRAD_ONLY, LibraryUser.class.getName());
        assertThat(user.status()).as(user.output()).isZero();
        assertThat(user.output()).isEqualTo("linfgrad: using the reference backend; run java with --add-modules "
                + "jdk.incubator.vector for the faster simd backend\nbackend reference, logits 2x3\n");
    }

    /** picocli's and Gson's jars, from this test JVM's class path (the build's dependencies). */
    private static String requiredJars() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(j -> j.contains("picocli") || j.contains("gson"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }
}
