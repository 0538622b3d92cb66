package io.streamwatch.consumer.pipeline;

import java.util.concurrent.CompletionException;

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

    /**
     * True when retrying cannot help and the worker should stop (a table it cannot write); false for
     * failures a later attempt may get past (the drain deadline, an outage, a dropped lease).
     */
    public boolean permanent() {
        return false;
    }

    /**
     * The failure of an asynchronous write as a SinkException: the SinkException itself when it is one
     * (unwrapped from the {@link CompletionException} a future adds), otherwise one naming {@code what}.
     */
    public static SinkException of(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof SinkException s ? s : new SinkException(what + " failed unexpectedly: " + cause, cause);
    }
}
