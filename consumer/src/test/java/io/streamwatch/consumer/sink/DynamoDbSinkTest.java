package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.RecordPosition;
import io.streamwatch.consumer.pipeline.SinkException;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.pipeline.WindowFlush;
import io.streamwatch.consumer.window.WindowBounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * How a window becomes BatchWriteItem requests and when its future completes. The requests go to a mocked
 * low-level client; the integration tests write real items to dynalite.
 */
class DynamoDbSinkTest {

    private static final WindowBounds BOUNDS = new WindowBounds(0, 20_000);
    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
    private final ExecutorService writers = Executors.newSingleThreadExecutor();
    private final List<BatchWriteItemRequest> requests = new ArrayList<>();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    private DynamoDbSink sink(RetryGate gate) {
        BackoffPolicy backoff = new BackoffPolicy(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0.0);
        return new DynamoDbSink(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(), TableNames.DEFAULT,
                writers, new RetryingBatchWriter<>(backoff, d -> { }, gate, RetryingBatchWriter.RetryListener.NONE,
                        Duration.ofSeconds(1), System::nanoTime),
                new RetryingBatchWriter<>(backoff, d -> { }, gate, RetryingBatchWriter.RetryListener.NONE,
                        Duration.ofSeconds(1), System::nanoTime),
                (table, items) -> { }, Optional.empty());
    }

    private static WindowFlush flush(int readings, int anomalies) {
        List<WindowEntry.Accepted> all = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            all.add(new WindowEntry.Accepted(
                    new RecordMeta("shardId-000000000000", new RecordPosition(String.format("%056d", i), 0), 1_000 + i),
                    new SensorReading("N" + i, 50, "OK")));
        }
        return new WindowFlush("shardId-000000000000", BOUNDS, all, all.subList(0, anomalies), List.of());
    }

    private void accept() {
        when(dynamoDb.batchWriteItem(any(BatchWriteItemRequest.class))).thenAnswer(inv -> {
            synchronized (requests) {
                requests.add(inv.getArgument(0));
            }
            return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
        });
    }

    @Test
    void aWindowIsWrittenInRequestsOfAtMost25ItemsPerTableAndCompletesAfterTheLast() {
        accept();
        sink(RetryGate.FOREVER).write(flush(60, 30)).join();

        assertThat(requests).extracting(r -> r.requestItems().keySet().iterator().next())
                .containsExactly("data_dump", "data_dump", "data_dump", "data_anomaly", "data_anomaly");
        assertThat(requests).extracting(r -> r.requestItems().values().iterator().next().size())
                .containsExactly(25, 25, 10, 25, 5);
    }

    @Test
    void aWindowWithNothingToWriteIsDoneAtOnce() {
        assertThat(sink(RetryGate.FOREVER).write(flush(0, 0))).isCompleted();
    }

    @Test
    void whenRetriesStopTheWindowFailsWithASinkExceptionNamingTheTable() {
        when(dynamoDb.batchWriteItem(any(BatchWriteItemRequest.class))).thenThrow(new IllegalStateException("outage"));
        AtomicInteger gateChecks = new AtomicInteger();
        RetryGate stopsAfterThree = () -> gateChecks.incrementAndGet() > 3
                ? Optional.of("the shutdown drain deadline passed") : Optional.empty();

        CompletableFuture<Void> written = sink(stopsAfterThree).write(flush(10, 0));

        assertThatThrownBy(written::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(SinkException.class)
                .hasMessageContaining("data_dump").hasMessageContaining("drain deadline");
    }

    @Test
    void cancellingAWindowSkipsTheRequestsThatHaveNotStarted() throws Exception {
        accept();
        CountDownLatch release = new CountDownLatch(1);
        writers.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Void> written = sink(RetryGate.FOREVER).write(flush(100, 0));
        written.cancel(false);
        release.countDown();
        writers.shutdown();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(requests).isEmpty();
    }
}
