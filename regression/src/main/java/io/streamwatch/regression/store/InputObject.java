package io.streamwatch.regression.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The bytes of one input object — a local file or an S3 object — read by byte range. The readers cut an
 * object into ranges and read them in parallel, so every method may be called from several threads at once.
 * Each call of {@link #open} fetches its range once: readers that promise to read every byte once ask for
 * each byte once.
 */
public interface InputObject {

    /** The object as the user named it (a path or an {@code s3://} URI), for messages. */
    String name();

    /** The last part of its name (a file name, or an S3 key's last segment): tells {@code .parquet} files. */
    String fileName();

    /** Its length in bytes. */
    long size();

    /**
     * The bytes {@code [start, end)} as a stream, which the caller closes.
     *
     * @throws UncheckedIOException naming the object when it cannot be read (for S3: missing, access denied,
     *                              no credentials — one line each)
     */
    InputStream open(long start, long end);

    /**
     * Reads exactly {@code length} bytes at {@code position} into {@code into}: small reads at known places
     * (a CSV header, a Parquet footer).
     *
     * @throws UncheckedIOException naming the object, also when it ends before {@code position + length}
     */
    default void readFully(long position, byte[] into, int offset, int length) {
        try (InputStream in = open(position, position + length)) {
            int n = in.readNBytes(into, offset, length);
            if (n < length) {
                throw new IOException("it ends at byte " + (position + n) + ", before " + (position + length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name() + ": " + e.getMessage(), e);
        }
    }
}
