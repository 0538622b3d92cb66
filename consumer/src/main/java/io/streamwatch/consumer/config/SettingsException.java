package io.streamwatch.consumer.config;

/** A setting is missing or invalid; the message names it and says what is expected. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
