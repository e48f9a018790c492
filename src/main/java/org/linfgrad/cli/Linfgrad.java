package org.linfgrad.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.linfgrad.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top of the command line, {@code linfgrad [--backend B] [--device D] COMMAND [flags]}: its commands, the
 * options every command takes ({@code -h}/{@code --help}, {@code -V}/{@code --version}, {@code --backend},
 * {@code --device}, inherited by each command, so they may come before or after the command's name).
 */
@Command(name = "linfgrad", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Linfgrad.Version.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Certifiably robust L-infinity distance nets: train, certify and prune them.",
        subcommands = {TrainCommand.class, CertifyCommand.class, PruneCommand.class, GradCheckCommand.class,
                BenchCommand.class, InfoCommand.class, AssignmentCommand.class, GradeCommand.class,
                CompletionCommand.class, HelpCommand.class})
final class Linfgrad {
    @Option(names = "--backend", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "where the numeric kernels run: ${COMPLETION-CANDIDATES} (default: the system property "
                    + Backends.PROPERTY + ", else simd)")
    Choices.Backend backend;

    @Option(names = "--device", paramLabel = "N|NAME|auto", scope = ScopeType.INHERIT,
            description = "the OpenCL device for --backend opencl (default: auto, a GPU if there is one; "
                    + "`linfgrad info` lists them)")
    String device;

    /** Switches backend when --backend or --device is given; the device defaults to auto. */
    void chooseBackend() {
        if (backend != null || device != null) {
            Backends.use(Backends.byName(backend != null ? backend.toString() : Backends.current().name(),
                    device != null ? device : "auto"));
        }
    }

    /** The project's version, which the build writes into {@code version.properties} from the pom. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Linfgrad.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"linfgrad " + properties.getProperty("version", "(version unknown: not built by Maven)"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
