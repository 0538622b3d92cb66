package io.streamwatch.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class ConsumerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMetrics metrics = new ConsumerMetrics(registry, "readings");

    private double retries(String cause) {
        return registry.counter(ConsumerMetrics.WRITE_RETRIES, "stream", "readings", "table", "data_dump", "cause", cause)
                .count();
    }

    private static DynamoDbException withCode(DynamoDbException.Builder builder, String code) {
        return (DynamoDbException) builder.statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void failedRequestsAreCountedAsThrottledByTheirErrorCodeNotTheirClass() {
        metrics.failedRequest("data_dump", withCode(ProvisionedThroughputExceededException.builder(),
                "ProvisionedThroughputExceededException"));
        metrics.failedRequest("data_dump", withCode(DynamoDbException.builder(), "ThrottlingException"));
        metrics.failedRequest("data_dump", withCode(DynamoDbException.builder(), "ValidationException"));
        metrics.failedRequest("data_dump", new IllegalStateException("connection refused"));

        assertThat(retries("throttled")).isEqualTo(2);
        assertThat(retries("error")).isEqualTo(2);
    }

    @Test
    void unprocessedItemsAreCountedPerItem() {
        metrics.unprocessed("data_dump", 7);
        assertThat(retries("unprocessed")).isEqualTo(7);
    }
}
