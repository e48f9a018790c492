package org.linfgrad.course;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a student's code runs: as the unprivileged user {@code nobody} (through {@code setpriv}) when the grader
 * runs as root, in a working directory of its own that only that user may write; otherwise as the grader's own
 * user, which the grader says in one warning line. (Debian's names: user {@code nobody}, group {@code nogroup}.)
 */
final class Sandbox {
    private static final String USER = "nobody";
    private static final String GROUP = "nogroup";

    private final boolean dropsPrivileges;

    private Sandbox(boolean dropsPrivileges) {
        this.dropsPrivileges = dropsPrivileges;
    }

    /** The sandbox this machine allows: as {@code nobody} when the grader is root and has setpriv and that user. */
    static Sandbox detect() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        return new Sandbox(root && setpriv && userExists());
    }

    private static boolean userExists() {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            users.lookupPrincipalByName(USER);
            users.lookupPrincipalByGroupName(GROUP);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether student code runs as {@code nobody}. */
    boolean dropsPrivileges() {
        return dropsPrivileges;
    }

    /** The one line the grade shows when student code runs as the grader's user; null when it does not. */
    String warning() {
        return dropsPrivileges ? null : "warning: cannot drop privileges (the grader is not root, or has no setpriv): "
                + "student code runs as " + System.getProperty("user.name") + " and can write what that user can";
    }

    /** Makes a directory readable by everyone and writable by its owner only (the compiled copy, the jars). */
    static void shareReadOnly(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Creates a task's working directory, owned by the user the student's code runs as. */
    Path workingDirectory(Path parent, String name) throws IOException {
        Path dir = Files.createDirectory(parent.resolve(name));
        if (dropsPrivileges) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName(USER));
            view.setGroup(users.lookupPrincipalByGroupName(GROUP));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /** The command that runs {@code command} as the sandbox's user. */
    List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>();
        if (dropsPrivileges) {
            full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + USER, "--regid=" + GROUP, "--clear-groups", "--"));
        }
        full.addAll(command);
        return full;
    }
}
