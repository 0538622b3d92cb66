package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class WriteHealthTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final WriteHealth health = new WriteHealth(now::get, Duration.ofSeconds(5));
    private final WriteHealth.Listeners listeners =
            health.watching(RetryingBatchWriter.RetryListener.NONE, (table, items) -> { });

    @Test
    void failuresShorterThanTheThresholdAreNotAProblem() {
        listeners.retries().failedRequest("data_dump", SdkClientException.create("Connection refused"));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void failuresLongerThanTheThresholdAreReportedWithEachTablesLastReason() {
        listeners.retries().failedRequest("data_dump", SdkClientException.create("Connection refused"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        listeners.retries().failedRequest("data_anomaly", SdkClientException.create("Connection refused"));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        listeners.retries().failedRequest("data_dump", SdkClientException.create("Connection reset"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("DynamoDB writes failing for 6 s")
                .contains("data_anomaly: SdkClientException: Connection refused")
                .contains("data_dump: SdkClientException: Connection reset"));
    }

    @Test
    void writesToOneTableGoingThroughDoNotHideThatAnothersKeepFailing() {
        listeners.retries().failedRequest("data_anomaly", SdkClientException.create("Connection reset"));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        listeners.written().written("data_dump", 25);

        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p).contains("data_anomaly:")
                .doesNotContain("data_dump"));
        listeners.written().written("data_anomaly", 3);
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void oneSuccessfulWriteClearsIt() {
        listeners.retries().failedRequest("data_dump", SdkClientException.create("Connection refused"));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        listeners.written().written("data_dump", 25);
        assertThat(health.problem()).isEmpty();
    }
}
