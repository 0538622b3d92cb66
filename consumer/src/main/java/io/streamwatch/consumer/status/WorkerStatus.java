package io.streamwatch.consumer.status;

import io.streamwatch.consumer.pipeline.PipelineState;
import io.streamwatch.consumer.window.WindowBounds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What this worker is doing, for the status page: its shards (lease, checkpoint, watermark, open windows,
 * writes running, last flush, distance from the tip, records per second over the last five minutes), the
 * recent rejection reasons and the hottest recent anomalies. The shards' threads report into it; the ops
 * server reads {@link #snapshot()}. Thread-safe: one lock, held briefly.
 */
public final class WorkerStatus {

    /** Rejection reasons kept: enough for an operator, bounded against a flood of distinct reasons. */
    static final int MAX_REASONS = 50;
    /** Anomalies the page lists: the hottest of the last ten minutes. */
    public static final int HOTTEST = 5;
    static final long ANOMALY_HORIZON_MILLIS = 10 * 60_000;

    private final String workerId;
    private final long startedMillis;
    private final LongSupplier clock;
    private final Supplier<String> schedulerState;
    private final Supplier<Health> health;
    private final Map<String, Shard> shards = new TreeMap<>();
    private final Map<String, Long> rejections = new HashMap<>();
    private final List<Anomaly> anomalies = new ArrayList<>();

    public WorkerStatus(String workerId, LongSupplier clock, Supplier<String> schedulerState) {
        this(workerId, clock, schedulerState, () -> Health.UNKNOWN);
    }

    /** @param health what {@code /health} says and the memory budget, read at each snapshot */
    public WorkerStatus(String workerId, LongSupplier clock, Supplier<String> schedulerState, Supplier<Health> health) {
        this.workerId = workerId;
        this.clock = clock;
        this.startedMillis = clock.getAsLong();
        this.schedulerState = schedulerState;
        this.health = health;
    }

    public synchronized void shardStarted(String shardId, String startingAt) {
        shards.put(shardId, new Shard(clock.getAsLong(), startingAt));
    }

    public synchronized void shardStopped(String shardId) {
        shards.remove(shardId);
    }

    /** After each batch: how many records it had, how far behind the tip, and the pipeline's state. */
    public synchronized void batch(String shardId, int records, Optional<Long> millisBehindLatest, PipelineState state) {
        Shard shard = shards.get(shardId);
        if (shard == null) {
            return;
        }
        long now = clock.getAsLong();
        shard.lastBatchMillis = now;
        shard.rate.add(now, records);
        shard.received += records;
        shard.millisBehindLatest = millisBehindLatest;
        shard.state = state;
    }

    public synchronized void checkpointed(String shardId, String position) {
        Shard shard = shards.get(shardId);
        if (shard != null) {
            shard.checkpoint = Optional.of(new Checkpoint(position, clock.getAsLong()));
        }
    }

    /** A window whose writes completed, with its hottest readings. */
    public synchronized void flushed(String shardId, WindowBounds window, int records, int anomalyCount,
                                     List<Anomaly> hottest) {
        long now = clock.getAsLong();
        Shard shard = shards.get(shardId);
        if (shard != null) {
            shard.lastFlush = Optional.of(new Flush(window, records, anomalyCount, now));
        }
        anomalies.addAll(hottest);
        anomalies.removeIf(a -> a.seenMillis() < now - ANOMALY_HORIZON_MILLIS);
        anomalies.sort(Comparator.comparing(Anomaly::temperature).reversed());
        while (anomalies.size() > HOTTEST) {
            anomalies.remove(anomalies.size() - 1);
        }
    }

    public synchronized void rejected(String reason) {
        if (rejections.containsKey(reason) || rejections.size() < MAX_REASONS) {
            rejections.merge(reason, 1L, Long::sum);
        } else {
            rejections.merge("(other reasons)", 1L, Long::sum);
        }
    }

    /** A copy of everything, for one page view. */
    public synchronized Snapshot snapshot() {
        long now = clock.getAsLong();
        List<ShardView> views = new ArrayList<>();
        shards.forEach((id, s) -> views.add(new ShardView(id, workerId, s.startedMillis, s.startingAt, s.checkpoint,
                s.state, s.lastFlush, s.millisBehindLatest, s.received, s.rate.perSecond(now), s.lastBatchMillis)));
        Map<String, Long> reasons = new TreeMap<>(rejections);
        return new Snapshot(workerId, startedMillis, now, schedulerState.get(), views, reasons, List.copyOf(anomalies),
                health.get());
    }

    /** A reading that was an anomaly, for the hottest list. */
    public record Anomaly(String shardId, String name, java.math.BigDecimal temperature, String status,
                          long seenMillis) {
    }

    public record Checkpoint(String position, long atMillis) {
    }

    public record Flush(WindowBounds window, int records, int anomalies, long atMillis) {
    }

    /** @param lastBatchMillis when the KCL last called with a batch (every poll, empty or not); the start before */
    public record ShardView(String shardId, String leaseOwner, long startedMillis, String startingAt,
                            Optional<Checkpoint> lastCheckpoint, PipelineState state, Optional<Flush> lastFlush,
                            Optional<Long> millisBehindLatest, long received, double[] recordsPerSecond,
                            long lastBatchMillis) {
    }

    /**
     * The worker's health as {@code /health} answers it, with the memory budget.
     *
     * @param status            {@code ok}, {@code degraded} or {@code unhealthy}
     * @param reasons           why, when not ok; empty when ok
     * @param bufferedBytes     what every shard buffers together, as the budget counts it
     * @param memoryBudgetBytes the budget
     */
    public record Health(String status, List<String> reasons, long bufferedBytes, long memoryBudgetBytes) {
        public static final Health UNKNOWN = new Health("unknown", List.of(), 0, 0);

        public Health {
            reasons = List.copyOf(reasons);
        }
    }

    public record Snapshot(String workerId, long startedMillis, long nowMillis, String schedulerState,
                           List<ShardView> shards, Map<String, Long> rejectionReasons, List<Anomaly> hottestAnomalies,
                           Health health) {
    }

    private static final class Shard {
        final long startedMillis;
        final String startingAt;
        final RateHistory rate = new RateHistory();
        long received;
        long lastBatchMillis;
        Optional<Long> millisBehindLatest = Optional.empty();
        Optional<Checkpoint> checkpoint = Optional.empty();
        Optional<Flush> lastFlush = Optional.empty();
        PipelineState state = PipelineState.EMPTY;

        Shard(long startedMillis, String startingAt) {
            this.startedMillis = startedMillis;
            this.lastBatchMillis = startedMillis;
            this.startingAt = startingAt;
        }
    }
}
