package io.streamwatch.consumer.startup;

/**
 * The worker cannot start; the message is one line saying what is wrong and which setting or permission
 * fixes it. {@link #exitCode()} is 2 for configuration (a setting, a permission, a missing resource) and
 * 1 for a runtime problem (the network).
 */
public final class StartupException extends RuntimeException {

    private final int exitCode;

    public StartupException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
