package io.streamwatch.consumer.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Shards whose lease this worker holds but whose processor the KCL cannot start: a child shard waiting for
 * its parents to finish, or an initialisation that keeps failing (its checkpoint cannot be read, say). The
 * KCL keeps retrying both quietly; this remembers since when, for {@code /health}. Fed by the KCL's task
 * listener; thread-safe.
 */
public final class ShardTasks {

    /** Why a shard has not started. */
    public enum Waiting { ON_PARENT, INITIALISATION_FAILING }

    private record Since(Waiting why, long sinceNanos) {
    }

    private final LongSupplier nanoClock;
    private final Map<String, Since> waiting = new ConcurrentHashMap<>();

    public ShardTasks(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A task of the shard's could not run for {@code why}; the time of the first such attempt is kept. */
    public void notStarted(String shardId, Waiting why) {
        waiting.compute(shardId, (id, before) -> before != null && before.why == why ? before
                : new Since(why, nanoClock.getAsLong()));
    }

    /** A task of the shard's succeeded (or the shard is gone): it is no longer waiting. */
    public void progressed(String shardId) {
        waiting.remove(shardId);
    }

    /** The shards waiting for {@code why} longer than {@code after}, with how long, sorted by shard. */
    public List<Map.Entry<String, Duration>> waiting(Waiting why, Duration after) {
        long now = nanoClock.getAsLong();
        return waiting.entrySet().stream()
                .filter(e -> e.getValue().why == why && now - e.getValue().sinceNanos > after.toNanos())
                .map(e -> Map.entry(e.getKey(), Duration.ofNanos(now - e.getValue().sinceNanos)))
                .sorted(Map.Entry.comparingByKey())
                .toList();
    }
}
