package io.streamwatch.consumer.kcl;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * The stream's open shard count, refreshed once a minute with DescribeStreamSummary (far below its limit),
 * so {@code /health} can tell a worker that holds no lease because there is nothing to hold from one that
 * cannot get any. A failed call keeps the last count; its failure shows in the Kinesis client's outcomes.
 * Thread-safe; {@link #close()} stops the refresh.
 */
final class OpenShards implements AutoCloseable {

    private static final Duration REFRESH = Duration.ofMinutes(1);
    private static final int UNKNOWN = -1;

    private final AtomicInteger count = new AtomicInteger(UNKNOWN);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "open-shards");
        t.setDaemon(true);
        return t;
    });

    OpenShards(KinesisAsyncClient kinesis, String stream) {
        timer.scheduleWithFixedDelay(() -> kinesis.describeStreamSummary(b -> b.streamName(stream))
                .thenAccept(r -> count.set(r.streamDescriptionSummary().openShardCount()))
                .exceptionally(failure -> null)
                .join(), 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    /** The last count seen; empty before the first answer. */
    OptionalInt get() {
        int n = count.get();
        return n == UNKNOWN ? OptionalInt.empty() : OptionalInt.of(n);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
