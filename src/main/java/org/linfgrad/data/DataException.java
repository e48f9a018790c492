package org.linfgrad.data;

/** A data file that cannot be used; the message names the file, what is wrong and what to do. */
public final class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }
}
