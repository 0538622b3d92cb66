package io.streamwatch.deploy;

import io.streamwatch.consumer.metrics.ConsumerMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * How the stack talks to the consumer: the environment variables its {@code run} command reads and the
 * CloudWatch names its Micrometer meters publish under. Kept out of the stack class because jsii treats
 * every method of a {@code Stack} subclass as an override.
 */
final class ConsumerBinding {

    /** Port of the consumer's /health and /metrics. */
    static final int OPS_PORT = 8080;

    private ConsumerBinding() {
    }

    /** The consumer's settings as the environment variables {@code run} reads. */
    static Map<String, String> environment(StackSettings s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAM_NAME", s.streamName());
        env.put("APPLICATION_NAME", s.applicationName());
        if (s.fanOut()) {
            env.put("RETRIEVAL_MODE", "fanout");
        }
        env.put("DUMP_TABLE", s.dumpTable());
        env.put("ANOMALY_TABLE", s.anomalyTable());
        env.put("REJECTED_TABLE", s.rejectedTable());
        env.put("ANOMALY_THRESHOLD", Integer.toString(s.anomalyThreshold()));
        env.put("WINDOW_LENGTH", s.windowLength());
        env.put("INITIAL_POSITION", "LATEST");
        env.put("CLOUDWATCH_METRICS", "true");
        env.put("METRICS_NAMESPACE", s.metricsNamespace());
        env.put("KCL_METRICS_LEVEL", "SUMMARY");
        env.put("HTTP_PORT", Integer.toString(OPS_PORT));
        env.put("DRAIN_TIMEOUT", s.drainTimeoutSeconds() + "s");
        env.put("LOG_FORMAT", "JSON");
        if (s.dumpTtlDays() > 0) {
            env.put("DUMP_TTL", s.dumpTtlDays() + "d");
        }
        return env;
    }

    /**
     * A consumer meter as micrometer-registry-cloudwatch2 publishes it: {@code <meter>.<suffix>} (count for
     * counters, value for gauges, sum/count/avg/max for timers) with the stream as a dimension.
     */
    static Metric consumerMetric(StackSettings s, String meter, String suffix, String statistic) {
        return Metric.Builder.create()
                .namespace(s.metricsNamespace())
                .metricName(meter + "." + suffix)
                .dimensionsMap(Map.of(ConsumerMetrics.STREAM_TAG, s.streamName()))
                .statistic(statistic)
                .period(Duration.minutes(1))
                .build();
    }
}
