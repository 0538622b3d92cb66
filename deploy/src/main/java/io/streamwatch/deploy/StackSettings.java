package io.streamwatch.deploy;

import java.util.Optional;
import software.constructs.Node;

/**
 * The stack's choices, read from CDK context ({@code cdk deploy -c shardCount=4} or {@code cdk.json}),
 * with defaults for a small production deployment.
 *
 * @param shardCount        provisioned shards; 0 selects on-demand capacity
 * @param maxTasks          upper bound of service auto scaling (never more workers than shards)
 * @param dumpTtlDays       expire raw readings after this many days; 0 keeps them
 * @param alarmEmail        optional e-mail subscribed to the alarm topic
 * @param drainTimeoutSeconds the consumer's flush-and-checkpoint deadline after SIGTERM ({@code DRAIN_TIMEOUT})
 * @param stopTimeoutSeconds  ECS's wait between SIGTERM and SIGKILL: at least the drain plus
 *                            {@link #STOP_MARGIN_SECONDS}, at most 120
 * @param fanOut            enhanced fan-out ({@code -c retrievalMode=fanout}): the consumer registers and
 *                          subscribes, and the task role may do exactly that; polling otherwise
 */
public record StackSettings(String streamName, String applicationName, String dumpTable, String anomalyTable,
                            String rejectedTable, int shardCount, int anomalyThreshold, String windowLength,
                            String metricsNamespace, int cpu, int memoryMiB, int desiredTasks, int maxTasks,
                            int logRetentionDays, int dumpTtlDays, int drainTimeoutSeconds, int stopTimeoutSeconds,
                            Optional<String> alarmEmail, boolean fanOut) {

    /** Seconds kept between the end of the drain and ECS's SIGKILL: final metrics publish, clients closed. */
    public static final int STOP_MARGIN_SECONDS = 5;

    public static final StackSettings DEFAULTS = new StackSettings("sensor-readings", "streamwatch-consumer",
            "data_dump", "data_anomaly", "data_rejected", 2, 100, "20s", "Streamwatch", 512, 1024, 1, 2, 30, 0, 25, 30,
            Optional.empty(), false);

    public StackSettings {
        if (shardCount < 0) {
            throw new IllegalArgumentException("shardCount must be >= 0 (0 = on-demand), got " + shardCount);
        }
        // After the drain the consumer still publishes its last metrics and closes its clients (up to ~4 s):
        // all of it must end before ECS's SIGKILL at the stop timeout.
        if (stopTimeoutSeconds < drainTimeoutSeconds + STOP_MARGIN_SECONDS || stopTimeoutSeconds > 120) {
            throw new IllegalArgumentException("stopTimeoutSeconds (" + stopTimeoutSeconds + ") must be at least "
                    + "drainTimeoutSeconds (" + drainTimeoutSeconds + ") + " + STOP_MARGIN_SECONDS + " (the final "
                    + "metrics publish and closing the clients follow the drain) and at most 120 (Fargate's limit)");
        }
        if (desiredTasks < 1 || maxTasks < desiredTasks) {
            throw new IllegalArgumentException("need 1 <= desiredTasks <= maxTasks, got " + desiredTasks + ", " + maxTasks);
        }
        if (shardCount > 0 && maxTasks > shardCount) {
            throw new IllegalArgumentException("maxTasks (" + maxTasks + ") above shardCount (" + shardCount
                    + ") would only add idle workers: a shard is read by one worker at a time");
        }
    }

    public boolean onDemand() {
        return shardCount == 0;
    }

    /** Reads overrides from the CDK context, keeping the defaults for what is not set. */
    public static StackSettings fromContext(Node node) {
        StackSettings d = DEFAULTS;
        int shards = integer(node, "shardCount", d.shardCount());
        return new StackSettings(
                string(node, "streamName", d.streamName()), string(node, "applicationName", d.applicationName()),
                string(node, "dumpTable", d.dumpTable()), string(node, "anomalyTable", d.anomalyTable()),
                string(node, "rejectedTable", d.rejectedTable()), shards,
                integer(node, "anomalyThreshold", d.anomalyThreshold()), string(node, "windowLength", d.windowLength()),
                string(node, "metricsNamespace", d.metricsNamespace()), integer(node, "cpu", d.cpu()),
                integer(node, "memoryMiB", d.memoryMiB()), integer(node, "desiredTasks", d.desiredTasks()),
                integer(node, "maxTasks", shards == 0 ? d.maxTasks() : Math.min(shards, integer(node, "maxTasks", shards))),
                integer(node, "logRetentionDays", d.logRetentionDays()), integer(node, "dumpTtlDays", d.dumpTtlDays()),
                integer(node, "drainTimeoutSeconds", d.drainTimeoutSeconds()),
                integer(node, "stopTimeoutSeconds", d.stopTimeoutSeconds()),
                Optional.ofNullable(node.tryGetContext("alarmEmail")).map(Object::toString),
                retrievalMode(node));
    }

    private static boolean retrievalMode(Node node) {
        String mode = string(node, "retrievalMode", "polling");
        return switch (mode) {
            case "polling" -> false;
            case "fanout" -> true;
            default -> throw new IllegalArgumentException("context retrievalMode must be polling or fanout, got '"
                    + mode + "'");
        };
    }

    private static String string(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private static int integer(Node node, String key, int fallback) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be an integer, got '" + value + "'", e);
        }
    }
}
