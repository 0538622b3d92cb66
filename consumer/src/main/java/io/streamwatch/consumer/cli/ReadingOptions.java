package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.config.DurationParser;
import io.streamwatch.consumer.decode.TemperatureFormat;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How readings are decoded, judged and stored, shared by run and replay-rejected so a replay decodes and
 * stores a dead letter exactly as the worker would.
 */
public final class ReadingOptions {

    @Option(names = "--threshold", defaultValue = "${env:ANOMALY_THRESHOLD:-100}",
            description = "Anomaly when temperature > this (env ANOMALY_THRESHOLD; default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(names = "--temperature", defaultValue = "${env:TEMPERATURE_FORMAT:-integer}",
            description = "integer (whole degrees, the Kinesis Data Generator template) or decimal (e.g. 21.5, "
                    + "kept exactly; env TEMPERATURE_FORMAT; default ${DEFAULT-VALUE}).")
    TemperatureFormat temperatureFormat;

    @Option(names = "--dump-ttl", defaultValue = "${env:DUMP_TTL}",
            description = "Expire raw readings in the dump table this long after arrival, e.g. 30d (env DUMP_TTL; "
                    + "default: keep; needs TTL enabled on attribute expiresAt).")
    String dumpTtl;

    /** {@code --dump-ttl}, when set. */
    Optional<Duration> dumpTimeToLive() {
        return Optional.ofNullable(dumpTtl).filter(t -> !t.isBlank())
                .map(t -> DurationParser.parse("--dump-ttl / DUMP_TTL", t));
    }
}
