package io.streamwatch.regression.store.s3;

/**
 * The credential chain found no credentials: thrown by {@link S3Clients}'s provider so that the error can
 * be told from other client-side failures without reading the SDK's message text.
 */
final class MissingCredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MissingCredentialsException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
