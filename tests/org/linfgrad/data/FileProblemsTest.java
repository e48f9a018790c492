package org.linfgrad.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The words for what is wrong with a path: the file or files and the cause, never the path alone. */
class FileProblemsTest {
    @TempDir
    Path dir;

    @Test
    void aFailedOperationNamesThePathAndTheCause() {
        assertThat(FileProblems.describe(new AccessDeniedException("/srv/runs/digits")))
                .isEqualTo("/srv/runs/digits: permission denied; check the permissions or choose another path");
        assertThat(FileProblems.describe(new NoSuchFileException("/x/ckpt"))).isEqualTo("/x/ckpt: does not exist");
        assertThat(FileProblems.describe(new FileSystemException("/full/metrics.jsonl", null, "No space left on device")))
                .isEqualTo("/full/metrics.jsonl: No space left on device; check the path or choose another");
        assertThat(FileProblems.describe(new AccessDeniedException("a.tmp", "b", null))).startsWith("a.tmp -> b: permission");
        assertThat(FileProblems.describe(new IOException("Input/output error"))).isEqualTo("Input/output error");
    }

    @Test
    void aFailedWriteThatNamesNoFileIsPutAtItsPathAndAtomicWritesSayIt() {
        Path target = dir.resolve("checkpoint.safetensors");
        IOException full = new IOException("No space left on device");
        assertThat(FileProblems.describe(FileProblems.at(target, full)))
                .isEqualTo(target + ": No space left on device; check the path or choose another");
        NoSuchFileException named = new NoSuchFileException("/elsewhere");
        assertThat(FileProblems.at(target, named)).isSameAs(named);
        IOException thrown = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> org.linfgrad.io.AtomicFiles.write(target, temporary -> {
                    throw full;
                }));
        assertThat(FileProblems.describe(thrown)).startsWith(target + ": No space left on device");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void anInputThatIsNoReadableFileIsNamedForWhatItIs() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThat(FileProblems.ofInput(file)).isEmpty();
        assertThat(FileProblems.ofInput(dir)).contains(dir + " is a directory, not a file");
        assertThat(FileProblems.ofInput(dir.resolve("none"))).contains(dir.resolve("none") + " does not exist");
        assertThat(FileProblems.ofInput(file.resolve("below"))).contains(file.resolve("below") + " does not exist");
        Path fifo = dir.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThat(FileProblems.ofInput(fifo)).contains(fifo + " is not a regular file (a FIFO, socket or device); "
                    + "give a file");
        }
    }
}
