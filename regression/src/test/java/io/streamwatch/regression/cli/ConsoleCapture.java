package io.streamwatch.regression.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the CLI prints during each test, for the CLI tests to read: standard output and error are captured
 * before each test and restored after it. Register with {@code @RegisterExtension}; not thread-safe (the CLI
 * tests run one at a time, as System.out is one per JVM).
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Standard output since the test began or the last {@link #resetStdout()}. */
    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Standard error since the test began or the last {@link #resetStderr()}. */
    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    void resetStdout() {
        out.reset();
    }

    void resetStderr() {
        err.reset();
    }
}
