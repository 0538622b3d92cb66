package io.streamwatch.regression.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SDK's logging reaches a binding at WARN, so stderr carries no SLF4J notices and no SDK chatter. */
class LoggingTest {

    @Test
    void theSdkLogsWarningsOnlyThroughSlf4jSimple() {
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");

        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
        assertThat(sdk.isWarnEnabled()).isTrue();
        assertThat(sdk.isInfoEnabled()).isFalse();
        assertThat(sdk.isDebugEnabled()).isFalse();
    }
}
