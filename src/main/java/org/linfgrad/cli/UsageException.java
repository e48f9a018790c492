package org.linfgrad.cli;

/** A command line that cannot be run as given; the message says what was wrong and what to do. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
