package org.linfgrad.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Input that may be gzip-compressed, recognised by its first two bytes (1f 8b). {@link GZIPInputStream} checks
 * the CRC-32 and the length in the gzip trailer only when it reaches the end of the data, so the readers read
 * every file to its end, and report damage with {@link #damaged}.
 */
final class Compressed {
    private Compressed() {}

    /** {@code raw}, gunzipped when it starts with the gzip magic bytes. */
    static InputStream open(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in)) : in;
    }

    /** The error for a gzip stream whose data or trailer (CRC-32, length) does not check out. */
    static DataException damaged(String file, ZipException e) {
        return new DataException(file + " is damaged: its gzip data does not check out (" + e.getMessage()
                + "); download it again");
    }
}
