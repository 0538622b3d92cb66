package io.streamwatch.consumer.replay;

import io.streamwatch.consumer.pipeline.WindowFlush;
import io.streamwatch.consumer.pipeline.WindowSink;
import io.streamwatch.consumer.window.WindowBounds;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A sink that counts what it would write, for file replays and benchmarks; done when it returns. Not thread-safe: one per shard. */
final class CountingSink implements WindowSink {

    long readings;
    long anomalies;
    long rejected;
    long flushes;
    int hottestSeen;
    final Set<WindowBounds> windows = new HashSet<>();

    @Override
    public CompletableFuture<Void> write(WindowFlush flush) {
        readings += flush.readings().size();
        anomalies += flush.anomalies().size();
        rejected += flush.rejected().size();
        flushes++;
        windows.add(flush.bounds());
        // The consumer logs the two hottest readings of every window; do the same work here.
        hottestSeen += flush.hottest(2).size();
        return CompletableFuture.completedFuture(null);
    }
}
