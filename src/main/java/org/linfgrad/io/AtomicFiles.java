package org.linfgrad.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

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

    public static void write(Path path, Content content) throws IOException {
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
        try {
            content.writeTo(temporary);
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
