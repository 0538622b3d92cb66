package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.config.ByteSizeParser;
import io.streamwatch.consumer.config.ConsumerSettings;
import io.streamwatch.consumer.config.DurationParser;
import io.streamwatch.consumer.config.InitialPosition;
import io.streamwatch.consumer.config.KclTuning;
import io.streamwatch.consumer.config.LogFormat;
import io.streamwatch.consumer.config.RetrievalMode;
import io.streamwatch.consumer.kcl.ConsumerService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code run}: consume the stream until SIGTERM or Ctrl-C, then drain and exit. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Consume the stream: 20 s tumbling windows per shard, flushed to DynamoDB.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    AwsOptions aws;

    @Mixin
    TableOptions tables;

    @Mixin
    ReadingOptions readings;

    @Option(names = "--stream", defaultValue = "${env:STREAM_NAME}", description = "Kinesis stream (env STREAM_NAME).")
    String stream;

    @Option(names = "--application", defaultValue = "${env:APPLICATION_NAME:-streamwatch-consumer}",
            description = "KCL application name = lease table (env APPLICATION_NAME; default ${DEFAULT-VALUE}).")
    String application;

    @Option(names = "--window", defaultValue = "${env:WINDOW_LENGTH:-20s}",
            description = "Tumbling window length (env WINDOW_LENGTH; default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--grace", defaultValue = "${env:WINDOW_GRACE:-2s}",
            description = "Wait past a window's end before closing it (env WINDOW_GRACE; default ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--initial-position", defaultValue = "${env:INITIAL_POSITION:-LATEST}",
            description = "LATEST or TRIM_HORIZON for a new application (env INITIAL_POSITION; default ${DEFAULT-VALUE}).")
    InitialPosition initialPosition;

    @Option(names = "--create-tables", defaultValue = "${env:CREATE_TABLES:-false}",
            description = "Create missing output tables (local use; env CREATE_TABLES).")
    boolean createTables;

    @Option(names = "--cloudwatch-metrics", defaultValue = "${env:CLOUDWATCH_METRICS:-false}",
            description = "Publish metrics to CloudWatch (env CLOUDWATCH_METRICS; default ${DEFAULT-VALUE}).")
    boolean cloudWatchMetrics;

    @Option(names = "--metrics-namespace", defaultValue = "${env:METRICS_NAMESPACE:-Streamwatch}",
            description = "CloudWatch namespace (env METRICS_NAMESPACE; default ${DEFAULT-VALUE}).")
    String metricsNamespace;

    @Option(names = "--metrics-step", defaultValue = "${env:METRICS_STEP:-60s}",
            description = "CloudWatch publishing interval (env METRICS_STEP; default ${DEFAULT-VALUE}).")
    String metricsStep;

    @Option(names = "--http-port", defaultValue = "${env:HTTP_PORT:-8080}",
            description = "Port of /health and /metrics, 0 = off (env HTTP_PORT; default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--kcl-metrics-level", defaultValue = "${env:KCL_METRICS_LEVEL:-NONE}",
            description = "KCL's own CloudWatch metrics: NONE, SUMMARY, DETAILED (env KCL_METRICS_LEVEL; default ${DEFAULT-VALUE}).")
    String kclMetricsLevel;

    @Option(names = "--drain-timeout", defaultValue = "${env:DRAIN_TIMEOUT:-25s}",
            description = "Time allowed to flush and checkpoint on stop (env DRAIN_TIMEOUT; default ${DEFAULT-VALUE}).")
    String drainTimeout;

    @Option(names = "--write-concurrency", defaultValue = "${env:WRITE_CONCURRENCY:-8}",
            description = "BatchWriteItem requests in flight (env WRITE_CONCURRENCY; default ${DEFAULT-VALUE}).")
    int writeConcurrency;

    @Option(names = "--windows-in-flight", defaultValue = "${env:WINDOWS_IN_FLIGHT:-4}",
            description = "Closed windows per shard being written while the shard reads on; past this the shard "
                    + "waits (env WINDOWS_IN_FLIGHT; default ${DEFAULT-VALUE}).")
    int windowsInFlight;

    @Option(names = "--memory-budget", defaultValue = "${env:MEMORY_BUDGET:-default}",
            description = "Heap all shards may buffer together before they stop reading, e.g. 300m, 1g or 40%% "
                    + "(of the max heap) (env MEMORY_BUDGET; default " + io.streamwatch.consumer.pipeline.MemoryBudget.DEFAULT_HEAP_PERCENT
                    + "%% of the max heap).")
    String memoryBudget;

    @Option(names = "--kcl-tuning", defaultValue = "${env:KCL_TUNING:-aws}",
            description = "aws (KCL defaults) or local (fast start-up and failover for emulators; env KCL_TUNING).")
    String kclTuning;

    @Option(names = "--retrieval", defaultValue = "${env:RETRIEVAL_MODE:-polling}",
            description = "polling (GetRecords, shared with other consumers) or fanout (enhanced fan-out: a "
                    + "registered consumer, SubscribeToShard over HTTP/2; env RETRIEVAL_MODE; default ${DEFAULT-VALUE}).")
    RetrievalMode retrieval;

    @Option(names = "--log-format", defaultValue = "${env:LOG_FORMAT:-TEXT}",
            description = "TEXT or JSON (one object a line, for CloudWatch Logs; env LOG_FORMAT).")
    LogFormat logFormat;

    ConsumerSettings settings() {
        return new ConsumerSettings(stream, application, aws.endpoints(), tables.names(), readings.threshold,
                DurationParser.parse("--window / WINDOW_LENGTH", window),
                DurationParser.parse("--grace / WINDOW_GRACE", grace),
                initialPosition, createTables,
                new ConsumerSettings.MetricsSettings(cloudWatchMetrics, metricsNamespace,
                        DurationParser.parse("--metrics-step / METRICS_STEP", metricsStep), httpPort,
                        kclMetricsLevel.toUpperCase(java.util.Locale.ROOT)),
                DurationParser.parse("--drain-timeout / DRAIN_TIMEOUT", drainTimeout),
                writeConcurrency, windowsInFlight, tuning(), logFormat,
                readings.dumpTimeToLive(), readings.temperatureFormat, retrieval,
                ByteSizeParser.budget("--memory-budget / MEMORY_BUDGET", memoryBudget, Runtime.getRuntime().maxMemory()))
                .validate();
    }

    private KclTuning tuning() {
        return switch (kclTuning.toLowerCase(java.util.Locale.ROOT)) {
            case "aws" -> KclTuning.AWS;
            case "local" -> KclTuning.LOCAL;
            default -> throw new io.streamwatch.consumer.config.SettingsException(
                    "--kcl-tuning / KCL_TUNING: 'aws' or 'local', got '" + kclTuning + "'");
        };
    }

    @Override
    public Integer call() throws Exception {
        ConsumerService service = new ConsumerService(settings());
        // ECS stops a task with SIGTERM; handling it (instead of a shutdown hook) lets the drain finish
        // and the process exit 0.
        Signal.handle(new Signal("TERM"), s -> service.requestStop());
        Signal.handle(new Signal("INT"), s -> service.requestStop());
        return service.run();
    }
}
