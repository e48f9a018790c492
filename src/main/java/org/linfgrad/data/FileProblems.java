package org.linfgrad.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * What is wrong with a path, in words, for the one-line errors of every command. The readers ask
 * {@link #ofInput} before they open a file, so that a directory or a FIFO is named as such (and a FIFO is
 * never opened, which would block), and the command line turns any I/O failure into one line with
 * {@link #describe}, which names the path and the cause (permission denied, no space left on device, ...).
 * It lives in {@code data}, the lowest package that opens files, so that {@code io} and {@code cli} share it.
 */
public final class FileProblems {
    private FileProblems() {}

    /**
     * Why {@code path} cannot be read as a file: it does not exist, is a directory, is not a regular file (a
     * FIFO, socket or device) or may not be read; empty when it can be.
     */
    public static Optional<String> ofInput(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.of(path + " does not exist");
        } catch (IOException e) {
            return Optional.of(describe(e));
        }
        if (attributes.isDirectory()) {
            return Optional.of(path + " is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of(path + " is not a regular file (a FIFO, socket or device); give a file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of(path + ": permission denied (it may not be read); check its permissions");
        }
        return Optional.empty();
    }

    /**
     * {@code e} as a failure of an operation on {@code path}: itself when it names a file already, else a
     * {@link FileSystemException} naming the path with e's message as the reason (a write that finds the disk
     * full says only "No space left on device").
     */
    public static IOException at(Path path, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return e;
        }
        FileSystemException named = new FileSystemException(path.toString(), null, e.getMessage());
        named.initCause(e);
        return named;
    }

    /** One line for a failed file operation: the path (both, for a move) and the cause. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + cause(f);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String cause(FileSystemException f) {
        return switch (f) {
            case AccessDeniedException a -> "permission denied; check the permissions or choose another path";
            case NoSuchFileException n -> "does not exist";
            case NotDirectoryException n -> "is not a directory";
            case FileAlreadyExistsException x -> "already exists and is not a directory";
            case DirectoryNotEmptyException d -> "is a directory that is not empty";
            case FileSystemLoopException l -> "is a loop of symbolic links";
            default -> (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName())
                    + "; check the path or choose another";
        };
    }
}
