package io.streamwatch.regression.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The bytes {@code [start, end)} of an S3 object from one ranged GET. A body that breaks mid-way (a reset
 * connection, a read timeout, an early end) is resumed with a GET of the rest, from the first byte not yet
 * delivered, so nothing already delivered is fetched again. {@link #skip} reads (InputStream's own) rather
 * than opening a new GET. Not thread-safe: one reader per stream.
 */
final class RangedStream extends InputStream {

    /** Breaks in a row, with no byte delivered between them, before the read fails. */
    static final int MAX_RESUMES = 3;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final S3InputObject object;
    private final long end;
    private final byte[] one = new byte[1];
    private long position;
    private ResponseInputStream<GetObjectResponse> body;
    private int breaks;
    private boolean closed;

    RangedStream(S3InputObject object, long start, long end) {
        this.object = object;
        this.end = end;
        this.position = start;
        this.body = openAt(start);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream of " + object.name() + " is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (position < end) {
            int n;
            try {
                n = body.read(b, off, (int) Math.min(len, end - position));
            } catch (IOException e) {
                resume(e);
                continue;
            }
            if (n < 0) {
                resume(new IOException("the body ended at byte " + position + ", before " + end));
                continue;
            }
            if (n > 0) {
                position += n;
                breaks = 0;
                return n;
            }
        }
        return -1;
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : (int) Math.min(body.available(), end - position);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (position < end) {
            // Closing the body would read the rest of the range to reuse the connection: drop it instead.
            body.abort();
        }
        try {
            body.close();
        } catch (IOException e) {
            // The connection is gone either way; nothing was lost that the caller asked for.
        }
    }

    private void resume(IOException cause) throws IOException {
        body.abort();
        if (++breaks > MAX_RESUMES) {
            throw new IOException("cannot read " + object.name() + ": the connection broke " + breaks + " times at "
                    + "byte " + position + ": " + cause.getMessage(), cause);
        }
        try {
            body = openAt(position);
        } catch (S3InputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A GET of {@code [from, end)}, its body positioned at {@code from} even if the server ignored the range. */
    private ResponseInputStream<GetObjectResponse> openAt(long from) {
        ResponseInputStream<GetObjectResponse> in = object.get(from, end);
        long first = firstByte(in.response().contentRange());
        try {
            if (first != from) {
                if (first > from) {
                    in.abort();
                    throw new IOException("S3 answered from byte " + first + " for a range from byte " + from);
                }
                // A server that ignores Range (or a range it cannot serve) sends from an earlier byte.
                in.skipNBytes(from - first);
            }
        } catch (IOException e) {
            in.abort();
            throw new S3InputException(S3InputException.Kind.UNAVAILABLE, "cannot read " + object.name() + ": "
                    + e.getMessage(), e);
        }
        return in;
    }

    /** The first byte a response holds: from its Content-Range, or 0 for a whole-object answer. */
    private static long firstByte(String contentRange) {
        if (contentRange == null) {
            return 0;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
