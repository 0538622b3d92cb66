package io.streamwatch.consumer.metrics;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamwatch.consumer.config.ConsumerSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * The registries metrics go to: always a Prometheus registry (served on {@code /metrics}), plus
 * CloudWatch through {@code micrometer-registry-cloudwatch2} when enabled.
 */
public final class MetricsRegistries implements AutoCloseable {

    /** The media type of {@link #scrape}'s text: Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final List<String> SERIES_SUFFIXES = List.of("_total", "_count", "_sum", "_bucket", "_created");

    private final CompositeMeterRegistry composite = new CompositeMeterRegistry();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Optional<CloudWatchMeterRegistry> cloudWatch;

    public MetricsRegistries(ConsumerSettings.MetricsSettings settings, Supplier<CloudWatchAsyncClient> cloudWatchClient) {
        composite.add(prometheus);
        if (settings.cloudWatchEnabled()) {
            CloudWatchConfig config = new CloudWatchConfig() {
                @Override
                public String get(String key) {
                    return null;
                }

                @Override
                public String namespace() {
                    return settings.namespace();
                }

                @Override
                public Duration step() {
                    return settings.step();
                }
            };
            CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM, cloudWatchClient.get());
            composite.add(registry);
            cloudWatch = Optional.of(registry);
        } else {
            cloudWatch = Optional.empty();
        }
    }

    public CompositeMeterRegistry registry() {
        return composite;
    }

    /**
     * The Prometheus text of every meter or, when {@code names} is not empty, only of the series with those
     * names: the {@code name[]} filter Prometheus servers offer on {@code /metrics}. A name matches with or
     * without the suffix the text format adds ({@code _total}, {@code _count}, ...), and a match brings its
     * whole family.
     */
    public String scrape(Set<String> names) {
        if (names.isEmpty()) {
            return prometheus.scrape();
        }
        // Micrometer filters on the family name, which has no suffix: streamwatch_records_received, not _total.
        Set<String> families = new HashSet<>(names);
        for (String name : names) {
            for (String suffix : SERIES_SUFFIXES) {
                if (name.endsWith(suffix)) {
                    families.add(name.substring(0, name.length() - suffix.length()));
                }
            }
        }
        return prometheus.scrape(CONTENT_TYPE, families);
    }

    /** Publishes what is pending to CloudWatch and stops. */
    @Override
    public void close() {
        cloudWatch.ifPresent(CloudWatchMeterRegistry::close);
        composite.close();
    }
}
