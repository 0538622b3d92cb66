package io.streamwatch.consumer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SinkExceptionTest {

    @Test
    void aSinkExceptionFromAFutureIsUnwrappedNotWrappedAgain() {
        SinkException gaveUp = new SinkException("gave up writing 3 items to data_dump");
        assertThat(SinkException.of(new CompletionException(gaveUp), "batch write")).isSameAs(gaveUp);
        assertThat(SinkException.of(gaveUp, "batch write")).isSameAs(gaveUp);
    }

    @Test
    void anyOtherFailureBecomesASinkExceptionSayingWhatFailed() {
        IllegalStateException bug = new IllegalStateException("writer pool shut down");
        SinkException wrapped = SinkException.of(new CompletionException(bug), "window write");
        assertThat(wrapped).hasMessage("window write failed unexpectedly: " + bug).hasCause(bug);
    }
}
