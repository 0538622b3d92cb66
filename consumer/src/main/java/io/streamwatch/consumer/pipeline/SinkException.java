package io.streamwatch.consumer.pipeline;

/**
 * A window's writes did not all complete. The caller must not checkpoint past the window; the records
 * are replayed from the last checkpoint by whichever worker holds the lease next.
 */
public class SinkException extends Exception {
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }

    public SinkException(String message) {
        super(message);
    }
}
