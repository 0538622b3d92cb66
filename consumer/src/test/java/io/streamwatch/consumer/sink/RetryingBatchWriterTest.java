package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.streamwatch.consumer.pipeline.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class RetryingBatchWriterTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final BackoffPolicy backoff = new BackoffPolicy(Duration.ofMillis(50), Duration.ofSeconds(5), () -> 1.0);
    private final RetryingBatchWriter.RetryListener listener = mock(RetryingBatchWriter.RetryListener.class);

    private final List<String> deadLetters = new ArrayList<>();
    private final RetryingBatchWriter.DeadLetter<String> deadLetter =
            (item, table, reason) -> deadLetters.add(item + " in " + table + ": " + reason);
    private final AtomicLong clock = new AtomicLong();

    private RetryingBatchWriter<String> writer(RetryGate gate) {
        return new RetryingBatchWriter<>(backoff, d -> {
            sleeps.add(d);
            clock.addAndGet(d.toNanos());
        }, gate, listener, Duration.ofSeconds(60), clock::get);
    }

    private static AwsServiceException serviceError(String code, int status) {
        return DynamoDbException.builder().statusCode(status).message(code + " from the service")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("the reason " + code)
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build())
                .build();
    }

    /** A call that refuses every request holding {@code poison} with a ValidationException. */
    private static BatchWriteCall<String> refusing(String poison, List<List<String>> requests) {
        return items -> {
            requests.add(List.copyOf(items));
            if (items.contains(poison)) {
                throw serviceError("ValidationException", 400);
            }
            return List.of();
        };
    }

    @Test
    void resendsOnlyTheUnprocessedItemsUntilAllAreAccepted() throws SinkException {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        when(call.write(anyList())).thenReturn(List.of("b", "c"), List.of("c"), List.of());

        writer(RetryGate.FOREVER).writeChunk("data_dump", List.of("a", "b", "c"), call, deadLetter, () -> false);

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

        writer(RetryGate.FOREVER).writeChunk("data_dump", List.of("a"), call, deadLetter, () -> false);

        verify(call, times(4)).write(List.of("a"));
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
        verify(listener, times(3)).failedRequest("data_dump", outage);
    }

    @Test
    void stopsWhenTheGateSaysSoAndReportsWhatWasLeft() {
        java.util.concurrent.atomic.AtomicBoolean deadlinePassed = new java.util.concurrent.atomic.AtomicBoolean();
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        when(call.write(anyList())).thenAnswer(inv -> {
            deadlinePassed.set(true);
            return List.of("b");
        });
        RetryGate stopAfterFirst = () -> deadlinePassed.get() ? Optional.of("drain deadline passed") : Optional.empty();

        assertThatThrownBy(() -> writer(stopAfterFirst).writeChunk("data_anomaly", List.of("a", "b"), call,
                deadLetter, () -> false))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("gave up writing 1 items to data_anomaly after 1 attempts")
                .hasMessageContaining("drain deadline passed");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void noRequestStartsPastTheDrainsWriteDeadlineNotEvenTheFirst() {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        RetryGate passed = () -> Optional.of("the shutdown drain deadline passed");

        assertThatThrownBy(() -> writer(passed).writeChunk("data_dump", List.of("a", "b"), call, deadLetter,
                () -> false))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("did not start writing 2 items to data_dump")
                .hasMessageContaining("the shutdown drain deadline passed");
        verifyNoInteractions(call);
    }

    @Test
    void refusesMoreThanTwentyFiveItems() {
        List<String> tooMany = java.util.stream.IntStream.range(0, 26).mapToObj(Integer::toString).toList();
        assertThatThrownBy(() -> writer(RetryGate.FOREVER).writeChunk("t", tooMany, items -> List.of(), deadLetter,
                () -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRejectedBatchIsBisectedUntilThePoisonItemIsAloneThenItAloneIsDeadLettered() throws SinkException {
        List<List<String>> requests = new ArrayList<>();
        List<String> items = List.of("a", "b", "c", "d", "e", "f", "g", "h");

        writer(RetryGate.FOREVER).writeChunk("data_dump", items, refusing("f", requests), deadLetter, () -> false);

        assertThat(deadLetters).containsExactly("f in data_dump: ValidationException: the reason ValidationException");
        List<String> stored = requests.stream().filter(r -> !r.contains("f")).flatMap(List::stream).toList();
        assertThat(stored).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "g", "h");
        // log2(8) halvings: [a..h], [a..d] ok, [e..h], [e,f], [e] ok, [f] alone, [g,h] ok.
        assertThat(requests).hasSize(7);
        assertThat(sleeps).as("a refusal is not retried, so nothing waits").isEmpty();
        verify(listener).rejectedItem("data_dump");
    }

    @Test
    void transientErrorsAreRetriedAndNeverDeadLettered() throws SinkException {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        when(call.write(anyList())).thenThrow(serviceError("ProvisionedThroughputExceededException", 400),
                serviceError("InternalServerError", 500), SdkClientException.create("connection reset"))
                .thenReturn(List.of());

        writer(RetryGate.FOREVER).writeChunk("data_dump", List.of("a", "b"), call, deadLetter, () -> false);

        verify(call, times(4)).write(List.of("a", "b"));
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aTableThatStaysUnwritableFailsTheChunkAfterThePatienceWithTheTableAndPermissionNamed() {
        BatchWriteCall<String> call = items -> {
            throw serviceError("AccessDeniedException", 400);
        };

        assertThatThrownBy(() -> writer(RetryGate.FOREVER).writeChunk("data_dump", List.of("a"), call, deadLetter,
                () -> false))
                .isInstanceOfSatisfying(TableFaultException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.table()).isEqualTo("data_dump");
                })
                .hasMessageContaining("'data_dump'").hasMessageContaining("dynamodb:BatchWriteItem")
                .hasMessageContaining("AccessDeniedException");
        assertThat(sleeps.stream().mapToLong(Duration::toMillis).sum()).isBetween(60_000L, 70_000L);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aCancelledChunkStopsRetryingSoItFreesItsWriterThread() {
        BatchWriteCall<String> call = items -> {
            throw SdkClientException.create("connection refused");
        };
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Duration> seen = sleeps;

        assertThatThrownBy(() -> new RetryingBatchWriter<String>(backoff, d -> {
            seen.add(d);
            if (seen.size() == 3) {
                cancelled.set(true);
            }
        }, RetryGate.FOREVER, listener, Duration.ofSeconds(60), clock::get)
                .writeChunk("data_dump", List.of("a"), call, deadLetter, cancelled::get))
                .isInstanceOf(SinkException.class).hasMessageContaining("lease was lost");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void waitsBetweenRetriesNeverOutlastTheTimeTheGateLeaves() throws SinkException {
        @SuppressWarnings("unchecked")
        BatchWriteCall<String> call = mock(BatchWriteCall.class);
        RuntimeException outage = SdkClientException.create("connection refused");
        when(call.write(anyList())).thenThrow(outage, outage, outage, outage, outage).thenReturn(List.of());
        RetryGate draining = new RetryGate() {
            @Override
            public Optional<String> stopReason() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> timeLeft() {
                return Optional.of(Duration.ofMillis(120));
            }
        };

        writer(draining).writeChunk("data_dump", List.of("a"), call, deadLetter, () -> false);

        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(120),
                Duration.ofMillis(120), Duration.ofMillis(120));
    }
}
