package io.streamwatch.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.consumer.sink.TableNames;
import io.streamwatch.consumer.decode.TemperatureFormat;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    static ConsumerSettings valid() {
        return new ConsumerSettings("readings", "streamwatch-consumer",
                new AwsEndpoints("us-east-1", Optional.empty(), Optional.empty(), Optional.empty()),
                TableNames.DEFAULT, 100, Duration.ofSeconds(20), Duration.ofSeconds(2), InitialPosition.LATEST, false,
                new ConsumerSettings.MetricsSettings(false, "Streamwatch", Duration.ofSeconds(60), 8080, "NONE"),
                Duration.ofSeconds(25), 8, 4, KclTuning.AWS, LogFormat.TEXT, Optional.empty(),
                TemperatureFormat.INTEGER, RetrievalMode.POLLING, Optional.empty());
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(valid().validate()).isNotNull();
    }

    @Test
    void namesEveryBadSettingByFlagAndEnvironmentVariable() {
        ConsumerSettings bad = new ConsumerSettings(null, "x",
                new AwsEndpoints("", Optional.empty(), Optional.empty(), Optional.empty()),
                new TableNames("data_dump", "data_dump", "no"), 100, Duration.ofMillis(10), Duration.ofSeconds(-1),
                InitialPosition.LATEST, false,
                new ConsumerSettings.MetricsSettings(true, " ", Duration.ofMillis(1), 70000, "LOUD"),
                Duration.ZERO, 0, 0, KclTuning.AWS, LogFormat.TEXT, Optional.of(Duration.ofMinutes(5)),
                TemperatureFormat.INTEGER, RetrievalMode.POLLING, Optional.of(1000L));
        assertThatThrownBy(bad::validate)
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("--stream / STREAM_NAME")
                .hasMessageContaining("--application / APPLICATION_NAME")
                .hasMessageContaining("--region / AWS_REGION")
                .hasMessageContaining("--rejected-table / REJECTED_TABLE")
                .hasMessageContaining("must be three different tables")
                .hasMessageContaining("--window / WINDOW_LENGTH")
                .hasMessageContaining("--grace / WINDOW_GRACE")
                .hasMessageContaining("--memory-budget / MEMORY_BUDGET: at least 1m")
                .hasMessageContaining("--drain-timeout / DRAIN_TIMEOUT")
                .hasMessageContaining("--write-concurrency / WRITE_CONCURRENCY")
                .hasMessageContaining("--windows-in-flight / WINDOWS_IN_FLIGHT")
                .hasMessageContaining("--http-port / HTTP_PORT")
                .hasMessageContaining("--metrics-step / METRICS_STEP")
                .hasMessageContaining("--kcl-metrics-level / KCL_METRICS_LEVEL")
                .hasMessageContaining("--metrics-namespace / METRICS_NAMESPACE")
                .hasMessageContaining("--dump-ttl / DUMP_TTL");
    }
}
