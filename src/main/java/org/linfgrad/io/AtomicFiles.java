package org.linfgrad.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.linfgrad.data.FileProblems;

/**
 * Writes files so that readers see the old version or the new one, never half of one: the content goes to a
 * temporary file beside the target, which is then moved over it in one step.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes what {@code writer} puts into the temporary file, then moves it over {@code path}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes {@code text} as UTF-8, atomically. */
    public static void writeString(Path path, String text) throws IOException {
        write(path, temporary -> Files.writeString(temporary, text, StandardCharsets.UTF_8));
    }

    /**
     * Deletes the temporaries ({@code NAME.DIGITS.tmp}) that writes into {@code dir} left behind when their process
     * was killed; a live write's too, so call it only while no other process writes into {@code dir}.
     */
    public static void removeStaleTemporaries(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches(".+\\.-?\\d+\\.tmp")).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    public static void write(Path path, Content content) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        try {
            try {
                content.writeTo(temporary);
            } catch (IOException e) {
                throw FileProblems.at(absolute, e);
            }
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
