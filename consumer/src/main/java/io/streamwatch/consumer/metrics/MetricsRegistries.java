package io.streamwatch.consumer.metrics;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamwatch.consumer.config.ConsumerSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * The registries metrics go to: always a Prometheus registry (served on {@code /metrics}), plus
 * CloudWatch through {@code micrometer-registry-cloudwatch2} when enabled.
 */
public final class MetricsRegistries implements AutoCloseable {

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

    public String scrape() {
        return prometheus.scrape();
    }

    /** Publishes what is pending to CloudWatch and stops. */
    @Override
    public void close() {
        cloudWatch.ifPresent(CloudWatchMeterRegistry::close);
        composite.close();
    }
}
