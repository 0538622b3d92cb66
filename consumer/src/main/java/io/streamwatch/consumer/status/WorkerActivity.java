package io.streamwatch.consumer.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What this worker's shard processors are doing, for {@code /health} and the drain: one {@link Processor}
 * per processor the KCL starts, so a lease that is lost and taken back is two processors, and the old one
 * going away does not remove the new one.
 *
 * <p>It tells apart what replacing the task would fix from what it would not:
 * <ul>
 *   <li>{@link #stuckInCalls}: a call into our code ({@code processRecords}, a flush) that has neither
 *       returned nor beaten for a long time. Every wait in our code beats ({@code WaitPolicy#BEAT}), so this
 *       is a processor stuck in our code: replacing the task helps.</li>
 *   <li>{@link #notCalledFor}: no call from the KCL for a long time, although it calls every poll even with
 *       no records: the KCL cannot read (Kinesis errors) or is blocked; a new task would meet the same.</li>
 *   <li>{@link #stalledBehind}: a shard behind the tip whose checkpoint has not moved for a long time.</li>
 * </ul>
 *
 * <p>Thread-safe: each processor reports from its shard's thread, the health check and drain read.
 */
public final class WorkerActivity {

    private final LongSupplier nanoClock;
    private final Set<Processor> live = ConcurrentHashMap.newKeySet();
    private final Set<String> unflushed = ConcurrentHashMap.newKeySet();
    /** Since when no processor has been live; 0 while one is. */
    private final java.util.concurrent.atomic.AtomicLong idleSinceNanos;

    /** @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    public WorkerActivity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.idleSinceNanos = new java.util.concurrent.atomic.AtomicLong(Math.max(1, nanoClock.getAsLong()));
    }

    /** A processor starts on {@code shardId}; it reports through the handle until {@link Processor#stopped()}. */
    public Processor started(String shardId) {
        Processor processor = new Processor(shardId, nanoClock.getAsLong());
        live.add(processor);
        idleSinceNanos.set(0);
        return processor;
    }

    /** How long the worker has held no shard (counted from its start before the first); empty while it holds one. */
    public java.util.Optional<Duration> idleFor() {
        long since = idleSinceNanos.get();
        return since == 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(nanoClock.getAsLong() - since));
    }

    /** Processors started and not yet stopped: the drain is over when this reaches 0. */
    public int liveProcessors() {
        return live.size();
    }

    /** The shards of the live processors, sorted. */
    public List<String> liveShards() {
        return shards(p -> true);
    }

    /** Shards with a live processor. */
    public int ownedShards() {
        return (int) live.stream().map(p -> p.shardId).distinct().count();
    }

    /** Shards in a call of ours that has not beaten for longer than {@code after}. */
    public List<String> stuckInCalls(Duration after) {
        long now = nanoClock.getAsLong();
        return shards(p -> p.callStartedNanos != 0 && now - p.lastBeatNanos > after.toNanos());
    }

    /** Shards whose processor the KCL has not called for longer than {@code after} (not in a call now). */
    public List<String> notCalledFor(Duration after) {
        long now = nanoClock.getAsLong();
        return shards(p -> p.callStartedNanos == 0 && now - p.lastBeatNanos > after.toNanos());
    }

    /**
     * Shards more than {@code behind} behind the tip (by the last batch) whose checkpoint has not moved for
     * longer than {@code noCheckpointFor} (counted from the processor's start before its first checkpoint).
     */
    public List<String> stalledBehind(Duration behind, Duration noCheckpointFor) {
        long now = nanoClock.getAsLong();
        return shards(p -> p.millisBehindLatest > behind.toMillis()
                && now - p.lastCheckpointNanos > noCheckpointFor.toNanos());
    }

    /** The shards that stopped with records read but neither written nor handed back; sorted. */
    public List<String> unflushed() {
        return new ArrayList<>(new TreeSet<>(unflushed));
    }

    private List<String> shards(java.util.function.Predicate<Processor> matching) {
        return live.stream().filter(matching).map(p -> p.shardId).distinct().sorted().toList();
    }

    /** One processor's reports. Its methods are called from its shard's thread. */
    public final class Processor {
        private final String shardId;
        private volatile long lastBeatNanos;
        private volatile long callStartedNanos;
        private volatile long lastCheckpointNanos;
        private volatile long millisBehindLatest = -1;

        private Processor(String shardId, long now) {
            this.shardId = shardId;
            this.lastBeatNanos = now;
            this.lastCheckpointNanos = now;
        }

        /** A call from the KCL enters our code. */
        public void callStarted() {
            long now = nanoClock.getAsLong();
            lastBeatNanos = now;
            callStartedNanos = Math.max(1, now);
        }

        /** The call returns. */
        public void callEnded() {
            lastBeatNanos = nanoClock.getAsLong();
            callStartedNanos = 0;
        }

        /** Still working or waiting inside a call: not stuck. */
        public void beat() {
            lastBeatNanos = nanoClock.getAsLong();
        }

        /** A checkpoint was stored. */
        public void checkpointed() {
            long now = nanoClock.getAsLong();
            lastCheckpointNanos = now;
            lastBeatNanos = now;
        }

        /** How far behind the tip the last batch was; negative when Kinesis did not say. */
        public void behind(long millis) {
            millisBehindLatest = millis;
        }

        /** The processor stops with records it read that are neither written nor handed back with its lease. */
        public void unflushed() {
            unflushed.add(shardId);
        }

        /** The processor returned from its last call ({@code shutdownRequested}, {@code shardEnded}, {@code leaseLost}). */
        public void stopped() {
            if (live.remove(this) && live.isEmpty()) {
                idleSinceNanos.compareAndSet(0, Math.max(1, nanoClock.getAsLong()));
            }
        }

        public String shardId() {
            return shardId;
        }
    }
}
