package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.streamwatch.consumer.pipeline.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryingBatchWriterTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final BackoffPolicy backoff = new BackoffPolicy(Duration.ofMillis(50), Duration.ofSeconds(5), () -> 1.0);
    private final RetryingBatchWriter.RetryListener listener = mock(RetryingBatchWriter.RetryListener.class);

    private RetryingBatchWriter<String> writer(RetryGate gate) {
        return new RetryingBatchWriter<>(backoff, sleeps::add, gate, listener);
    }

    @Test
    void resendsOnlyTheUnprocessedItemsUntilAllAreAccepted() throws SinkException {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        when(call.write(anyList())).thenReturn(List.of("b", "c"), List.of("c"), List.of());

        writer(RetryGate.FOREVER).writeChunk("data_dump", List.of("a", "b", "c"), call);

        verify(call).write(List.of("a", "b", "c"));
        verify(call).write(List.of("b", "c"));
        verify(call).write(List.of("c"));
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        verify(listener).unprocessed("data_dump", 2);
        verify(listener).unprocessed("data_dump", 1);
    }

    @Test
    void retriesFailedRequestsWithGrowingBackoff() throws SinkException {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        RuntimeException outage = new RuntimeException("connection refused");
        when(call.write(anyList())).thenThrow(outage, outage, outage).thenReturn(List.of());

        writer(RetryGate.FOREVER).writeChunk("data_dump", List.of("a"), call);

        verify(call, times(4)).write(List.of("a"));
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
        verify(listener, times(3)).failedRequest("data_dump", outage);
    }

    @Test
    void stopsWhenTheGateSaysSoAndReportsWhatWasLeft() {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        when(call.write(anyList())).thenReturn(List.of("b"));
        RetryGate stopAfterFirst = () -> Optional.of("drain deadline passed");

        assertThatThrownBy(() -> writer(stopAfterFirst).writeChunk("data_anomaly", List.of("a", "b"), call))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("gave up writing 1 items to data_anomaly")
                .hasMessageContaining("drain deadline passed");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void refusesMoreThanTwentyFiveItems() {
        List<String> tooMany = java.util.stream.IntStream.range(0, 26).mapToObj(Integer::toString).toList();
        assertThatThrownBy(() -> writer(RetryGate.FOREVER).writeChunk("t", tooMany, items -> List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
