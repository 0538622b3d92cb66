package io.streamwatch.regression.design;

/** A row cannot be used under the {@code error} policy; the message names its line and column. */
public final class InvalidRowException extends RuntimeException {
    public InvalidRowException(String message) {
        super(message);
    }
}
