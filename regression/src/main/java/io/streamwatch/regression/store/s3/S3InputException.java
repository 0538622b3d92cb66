package io.streamwatch.regression.store.s3;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An S3 input that cannot be read, with a one-line message that names the URI and tells the user what to
 * do. Only {@link Kind#UNAVAILABLE} is worth trying again later: the SDK has already retried it.
 */
public final class S3InputException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /** Why it cannot be read. */
    public enum Kind {
        NO_SUCH_BUCKET, NO_SUCH_OBJECT, EMPTY_PREFIX, ACCESS_DENIED, NO_CREDENTIALS,
        /** S3 or the network failed (5xx, throttling, connection errors) after the SDK's retries. */
        UNAVAILABLE
    }

    private final Kind kind;

    public S3InputException(Kind kind, String message, Throwable cause) {
        super(message, cause instanceof IOException io ? io : new IOException(message, cause));
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the same read may succeed later: transient failures only, not a wrong name or missing rights. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }
}
