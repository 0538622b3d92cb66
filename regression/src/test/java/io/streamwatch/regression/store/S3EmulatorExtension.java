package io.streamwatch.regression.store;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(S3EmulatorExtension.class)}: starts the JVM's {@link S3Emulator} on first use, hands it
 * to test constructors and methods that take an {@code S3Emulator}, and zeroes its byte counts before
 * each test.
 */
public final class S3EmulatorExtension implements ParameterResolver, BeforeEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().resetCounts();
    }

    private static S3Emulator emulator() {
        try {
            return S3Emulator.get();
        } catch (Exception e) {
            throw new IllegalStateException("the S3 emulator did not start: " + e.getMessage(), e);
        }
    }
}
