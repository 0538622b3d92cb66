package io.streamwatch.deploy;

import io.streamwatch.consumer.metrics.ConsumerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The probe gives up by itself after this many seconds, under the health check's timeout (10 s): a
     * runtime that does not kill a timed-out check (dockerd 20.10, moby/moby#43737) cannot pile them up.
     */
    static final int HEALTH_PROBE_SECONDS = 5;

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
     * The container health check, in exec form: the same argv in the Dockerfile's {@code HEALTHCHECK CMD [...]}
     * and after {@code "CMD"} in the task definition (DockerfileTest compares them). One bash process asks
     * {@code GET /health} over bash's {@code /dev/tcp} and passes on a 200 status line: about 3 MiB and a few
     * milliseconds, where the JVM {@code health} command cost about 60 MiB and half a CPU-second every 30 s in
     * a task whose heap may take 75 % of the memory. Exec form, because ECS's {@code CMD-SHELL} runs
     * {@code /bin/sh}, which is dash on the Ubuntu base image and has no {@code /dev/tcp}. The port follows
     * {@code HTTP_PORT}, as the consumer's does. On failure it prints the response (or bash's connect error),
     * which {@code docker inspect} shows; it ends within {@link #HEALTH_PROBE_SECONDS} in every case (no
     * answer: 4 s read timeout; a connect that hangs: {@code timeout} ends it, exit 124).
     */
    static List<String> healthProbe() {
        String script = "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT:-" + OPS_PORT + "} || exit 1; "
                + "printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3; "
                + "read -r -t " + (HEALTH_PROBE_SECONDS - 1) + " -d '' response <&3; "
                + "[[ $response == 'HTTP/1.'?' 200 '* ]] && exit 0; "
                + "echo \"${response:-no answer in " + (HEALTH_PROBE_SECONDS - 1) + " s}\"; exit 1";
        return List.of("timeout", Integer.toString(HEALTH_PROBE_SECONDS), "bash", "-c", script);
    }

    /** The task definition's health check: ECS's exec form, {@code "CMD"} followed by {@link #healthProbe()}. */
    static List<String> ecsHealthCheckCommand() {
        List<String> command = new ArrayList<>();
        command.add("CMD");
        command.addAll(healthProbe());
        return List.copyOf(command);
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
