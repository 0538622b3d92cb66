package io.streamwatch.consumer.kcl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Liveness of this worker's shard processors, for the container health check: the worker is stuck when
 * some shard it owns has not completed or started a batch for longer than the allowed time. KCL calls
 * {@code processRecords} even for empty batches, so a healthy shard beats every poll interval.
 */
public final class WorkerActivity {

    private final Map<String, Long> lastBeatNanos = new ConcurrentHashMap<>();
    /** Shards whose last windows could not be written before the drain deadline. */
    private final java.util.Set<String> unflushedAtShutdown = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoClock;

    public WorkerActivity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public WorkerActivity() {
        this(System::nanoTime);
    }

    void shardStarted(String shardId) {
        heartbeat(shardId);
    }

    void heartbeat(String shardId) {
        lastBeatNanos.put(shardId, nanoClock.getAsLong());
    }

    void shardStopped(String shardId) {
        lastBeatNanos.remove(shardId);
    }

    void unflushedAtShutdown(String shardId) {
        unflushedAtShutdown.add(shardId);
    }

    /** The shards that stopped with windows not written (replayed from their checkpoints by the next owner). */
    public java.util.List<String> unflushedAtShutdown() {
        return unflushedAtShutdown.stream().sorted().toList();
    }

    public int ownedShards() {
        return lastBeatNanos.size();
    }

    /** The shards silent for longer than {@code stuckAfter}. */
    public java.util.List<String> stuckShards(Duration stuckAfter) {
        long now = nanoClock.getAsLong();
        return lastBeatNanos.entrySet().stream()
                .filter(e -> now - e.getValue() > stuckAfter.toNanos())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
