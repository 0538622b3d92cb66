package io.streamwatch.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.config.ConsumerSettings.MetricsSettings;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsRegistriesTest {

    private final MetricsRegistries registries = new MetricsRegistries(
            new MetricsSettings(false, "Streamwatch", Duration.ofMinutes(1), 0, "NONE"), () -> {
                throw new AssertionError("CloudWatch is off; no client should be built");
            });

    MetricsRegistriesTest() {
        registries.registry().counter("streamwatch.records.received", "stream", "s").increment(5);
        registries.registry().counter("streamwatch.records.rejected", "stream", "s").increment(1);
        registries.registry().gauge("streamwatch.records.buffered", 3);
        registries.registry().timer("streamwatch.window.flush.latency").record(Duration.ofMillis(40));
    }

    @AfterEach
    void close() {
        registries.close();
    }

    @Test
    void withoutNamesEverySeriesIsScraped() {
        assertThat(registries.scrape(Set.of())).contains("streamwatch_records_received_total{stream=\"s\"} 5.0",
                "streamwatch_records_rejected_total", "streamwatch_records_buffered 3.0",
                "streamwatch_window_flush_latency_seconds_count 1");
    }

    @Test
    void namesAsTheyAppearInTheTextSelectOnlyThoseSeries() {
        String text = registries.scrape(Set.of("streamwatch_records_received_total", "streamwatch_records_buffered"));

        assertThat(text).contains("streamwatch_records_received_total{stream=\"s\"} 5.0", "streamwatch_records_buffered 3.0")
                .doesNotContain("rejected", "latency");
    }

    @Test
    void aSuffixedNameBringsItsWholeFamily() {
        String text = registries.scrape(Set.of("streamwatch_window_flush_latency_seconds_count"));

        assertThat(text).contains("streamwatch_window_flush_latency_seconds_count 1",
                "streamwatch_window_flush_latency_seconds_sum 0.04").doesNotContain("records");
    }

    @Test
    void anUnknownNameScrapesNothing() {
        assertThat(registries.scrape(Set.of("no_such_metric"))).isBlank();
    }
}
