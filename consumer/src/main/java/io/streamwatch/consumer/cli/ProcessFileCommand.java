package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.config.DurationParser;
import io.streamwatch.consumer.config.SettingsException;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.replay.FileReplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code process-file}: the pipeline core over a file of records, with synthetic arrival times (benchmarks). */
@Command(name = "process-file", mixinStandardHelpOptions = true,
        description = "Run decode -> windows -> anomaly rule -> flush planning over a file of records, counting "
                + "instead of writing. Record i arrives at i * --interval.")
public final class ProcessFileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "Newline-separated name,temperature,status records.")
    Path file;

    @Option(names = "--window", defaultValue = "20s", description = "Window length (default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--grace", defaultValue = "2s", description = "Window grace (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--interval-micros", defaultValue = "200",
            description = "Arrival-time step between records in microseconds (default ${DEFAULT-VALUE}: 100,000 a window).")
    long intervalMicros;

    @Option(names = "--shards", defaultValue = "2", description = "Parallel shard pipelines (default ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--threshold", defaultValue = "100", description = "Anomaly threshold (default ${DEFAULT-VALUE}).")
    int threshold;

    @Override
    public Integer call() throws Exception {
        if (shards < 1 || intervalMicros < 1) {
            throw new SettingsException("--shards and --interval-micros must be positive");
        }
        long start = System.nanoTime();
        FileReplay.Summary s = FileReplay.run(file, DurationParser.parse("--window", window),
                DurationParser.parse("--grace", grace), Duration.ofNanos(intervalMicros * 1000), shards,
                new AnomalyRule(threshold));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("records=%d readings=%d rejected=%d windows=%d flushes=%d anomalies=%d (%.1f %% of readings)%n",
                s.records(), s.readings(), s.rejected(), s.windows(), s.flushes(), s.anomalies(),
                100.0 * s.anomalies() / Math.max(1, s.readings()));
        System.out.printf("seconds=%.3f records_per_second=%.0f%n", seconds, s.records() / seconds);
        return 0;
    }
}
