package io.streamwatch.consumer.config;

import io.streamwatch.consumer.sink.TableNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything {@code run} needs, validated once at start-up. {@link #validate()} reports every bad
 * setting at once, each by the flag and environment variable that set it.
 */
public record ConsumerSettings(
        String streamName,
        String applicationName,
        AwsEndpoints aws,
        TableNames tables,
        int anomalyThreshold,
        Duration windowLength,
        Duration grace,
        InitialPosition initialPosition,
        boolean createMissingResources,
        MetricsSettings metrics,
        Duration drainTimeout,
        int writeConcurrency,
        int windowsInFlight,
        KclTuning kcl,
        LogFormat logFormat,
        java.util.Optional<Duration> dumpTimeToLive,
        io.streamwatch.consumer.decode.TemperatureFormat temperatureFormat,
        RetrievalMode retrieval,
        java.util.Optional<Long> memoryBudgetBytes) {

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Set<String> KCL_METRICS_LEVELS = Set.of("NONE", "SUMMARY", "DETAILED");

    public ConsumerSettings {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(kcl, "kcl");
        Objects.requireNonNull(dumpTimeToLive, "dumpTimeToLive");
        Objects.requireNonNull(temperatureFormat, "temperatureFormat");
        Objects.requireNonNull(retrieval, "retrieval");
        Objects.requireNonNull(memoryBudgetBytes, "memoryBudgetBytes");
    }

    /**
     * Checks every setting.
     *
     * @return this, for chaining
     * @throws SettingsException naming each invalid setting
     */
    public ConsumerSettings validate() {
        List<String> problems = new ArrayList<>();
        if (streamName == null || !STREAM_NAME.matcher(streamName).matches()) {
            problems.add("--stream / STREAM_NAME: required, 1-128 characters of letters, digits, _ . -");
        }
        if (applicationName == null || !TABLE_NAME.matcher(applicationName).matches()) {
            problems.add("--application / APPLICATION_NAME: required; it names the KCL lease table, so 3-255 "
                    + "characters of letters, digits, _ . -");
        }
        if (aws.region() == null || aws.region().isBlank()) {
            problems.add("--region / AWS_REGION: required (e.g. eu-west-1)");
        }
        for (var table : List.of(
                new String[] {"--dump-table / DUMP_TABLE", tables.dump()},
                new String[] {"--anomaly-table / ANOMALY_TABLE", tables.anomaly()},
                new String[] {"--rejected-table / REJECTED_TABLE", tables.rejected()})) {
            if (!TABLE_NAME.matcher(table[1]).matches()) {
                problems.add(table[0] + ": '" + table[1] + "' is not a DynamoDB table name (3-255 of letters, digits, _ . -)");
            }
        }
        if (new java.util.HashSet<>(List.of(tables.dump(), tables.anomaly(), tables.rejected())).size() < 3) {
            problems.add("--dump-table, --anomaly-table, --rejected-table: must be three different tables");
        }
        if (windowLength == null || windowLength.toMillis() < 1000 || windowLength.compareTo(Duration.ofHours(1)) > 0) {
            problems.add("--window / WINDOW_LENGTH: between 1s and 1h, got " + windowLength);
        }
        if (grace == null || grace.isNegative() || (windowLength != null && grace.compareTo(windowLength) > 0)) {
            problems.add("--grace / WINDOW_GRACE: between 0 and the window length, got " + grace);
        }
        if (drainTimeout == null || drainTimeout.isNegative() || drainTimeout.isZero()) {
            problems.add("--drain-timeout / DRAIN_TIMEOUT: positive (keep it below ECS stopTimeout), got " + drainTimeout);
        }
        if (writeConcurrency < 1 || writeConcurrency > 256) {
            problems.add("--write-concurrency / WRITE_CONCURRENCY: 1-256, got " + writeConcurrency);
        }
        if (windowsInFlight < 1 || windowsInFlight > 64) {
            problems.add("--windows-in-flight / WINDOWS_IN_FLIGHT: 1-64, got " + windowsInFlight);
        }
        if (metrics.httpPort() < 0 || metrics.httpPort() > 65535) {
            problems.add("--http-port / HTTP_PORT: 0 (off) to 65535, got " + metrics.httpPort());
        }
        if (metrics.step().toMillis() < 1000) {
            problems.add("--metrics-step / METRICS_STEP: at least 1s, got " + metrics.step());
        }
        if (!KCL_METRICS_LEVELS.contains(metrics.kclLevel())) {
            problems.add("--kcl-metrics-level / KCL_METRICS_LEVEL: one of " + KCL_METRICS_LEVELS + ", got " + metrics.kclLevel());
        }
        if (metrics.cloudWatchEnabled() && (metrics.namespace() == null || metrics.namespace().isBlank())) {
            problems.add("--metrics-namespace / METRICS_NAMESPACE: required when CloudWatch metrics are on");
        }
        if (dumpTimeToLive.isPresent() && dumpTimeToLive.get().toHours() < 1) {
            problems.add("--dump-ttl / DUMP_TTL: at least 1h (DynamoDB deletes expired items within days anyway), got "
                    + dumpTimeToLive.get());
        }
        if (memoryBudgetBytes.isPresent() && memoryBudgetBytes.get() < (1L << 20)) {
            problems.add("--memory-budget / MEMORY_BUDGET: at least 1m, got " + memoryBudgetBytes.get() + " bytes");
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return this;
    }

    /**
     * @param cloudWatchEnabled publish the consumer's metrics to CloudWatch
     * @param namespace         CloudWatch namespace
     * @param step              publishing interval
     * @param httpPort          port of {@code /metrics} and {@code /health}; 0 turns them off
     * @param kclLevel          the KCL's own CloudWatch metrics level: NONE, SUMMARY or DETAILED
     */
    public record MetricsSettings(boolean cloudWatchEnabled, String namespace, Duration step, int httpPort,
                                  String kclLevel) {
    }
}
