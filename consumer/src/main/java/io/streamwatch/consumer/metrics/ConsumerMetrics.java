package io.streamwatch.consumer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.streamwatch.consumer.sink.DynamoDbSink;
import io.streamwatch.consumer.sink.RetryingBatchWriter;
import io.streamwatch.consumer.sink.WriteError;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The consumer's Micrometer meters, named once. Every meter carries the stream name; per-shard gauges
 * also carry the shard id. Meter names use dots; registries translate them (CloudWatch keeps them,
 * Prometheus turns them into {@code streamwatch_records_received_total}).
 */
public final class ConsumerMetrics implements RetryingBatchWriter.RetryListener, DynamoDbSink.WriteListener {

    /** Meter names, shared with the CloudWatch dashboard and alarms in deploy/. */
    public static final String RECEIVED = "streamwatch.records.received";
    public static final String REJECTED = "streamwatch.records.rejected";
    public static final String ANOMALIES = "streamwatch.records.anomalies";
    public static final String WINDOWS_FLUSHED = "streamwatch.windows.flushed";
    public static final String WRITE_FAILURES = "streamwatch.windows.write.failures";
    public static final String FLUSH_LATENCY = "streamwatch.window.flush.latency";
    public static final String BUFFERED = "streamwatch.records.buffered";
    /** The heap the buffered records hold, per shard and for the worker, as the memory budget counts it. */
    public static final String BUFFERED_BYTES = "streamwatch.buffered.bytes";
    public static final String MEMORY_BUDGET = "streamwatch.memory.budget.bytes";
    public static final String MILLIS_BEHIND = "streamwatch.shard.millis.behind.latest";
    public static final String ITEMS_WRITTEN = "streamwatch.items.written";
    public static final String WRITE_RETRIES = "streamwatch.write.retries";
    /** Items DynamoDB refused for good (dead-lettered); also counted in {@link #REJECTED}, which the alarm reads. */
    public static final String ITEMS_REFUSED = "streamwatch.items.refused";
    public static final String CHECKPOINTS = "streamwatch.checkpoints";
    public static final String BACKPRESSURE = "streamwatch.backpressure.wait";
    /** The tag every meter carries. */
    public static final String STREAM_TAG = "stream";

    private final MeterRegistry registry;
    private final Tags streamTags;
    private final Counter received;
    private final Counter rejected;
    private final Counter anomalies;
    private final Counter windowsFlushed;
    private final Counter writeFailures;
    private final Timer flushLatency;
    private final Timer backpressure;
    private final Counter checkpoints;
    private final Map<String, AtomicLong> bufferedByShard = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> behindByShard = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytesByShard = new ConcurrentHashMap<>();

    public ConsumerMetrics(MeterRegistry registry, String streamName) {
        this.registry = registry;
        this.streamTags = Tags.of(STREAM_TAG, streamName);
        this.received = Counter.builder(RECEIVED).tags(streamTags)
                .description("Records read from Kinesis").register(registry);
        this.rejected = Counter.builder(REJECTED).tags(streamTags)
                .description("Records that did not decode (written to the dead-letter table)").register(registry);
        this.anomalies = Counter.builder(ANOMALIES).tags(streamTags)
                .description("Readings above the anomaly threshold").register(registry);
        this.windowsFlushed = Counter.builder(WINDOWS_FLUSHED).tags(streamTags)
                .description("Windows written and checkpointable").register(registry);
        this.writeFailures = Counter.builder(WRITE_FAILURES).tags(streamTags)
                .description("Windows whose writes were abandoned (shutdown deadline); replayed later")
                .register(registry);
        this.flushLatency = Timer.builder(FLUSH_LATENCY).tags(streamTags)
                .description("Time from a window's close to its last item written to all tables, queueing behind "
                        + "other windows included").register(registry);
        this.backpressure = Timer.builder(BACKPRESSURE).tags(streamTags)
                .description("Time a shard waited for its windows to be written before reading on "
                        + "(more windows in flight than --windows-in-flight)").register(registry);
        this.checkpoints = Counter.builder(CHECKPOINTS).tags(streamTags)
                .description("Checkpoints written to the lease table").register(registry);
        Gauge.builder(BUFFERED, bufferedByShard,
                        m -> m.values().stream().mapToLong(AtomicLong::get).sum())
                .tags(streamTags)
                .description("Records not yet written on this worker: in open windows and in windows being written")
                .register(registry);
        Gauge.builder(BUFFERED_BYTES, bytesByShard, m -> m.values().stream().mapToLong(AtomicLong::get).sum())
                .tags(streamTags.and("shard", "all")).baseUnit("bytes")
                .description("Heap the records not yet written hold on this worker (the memory budget's count)")
                .register(registry);
    }

    /** Publishes the worker's memory budget, in bytes. */
    public void memoryBudget(long bytes) {
        Gauge.builder(MEMORY_BUDGET, () -> bytes).tags(streamTags).baseUnit("bytes")
                .description("The bytes all shards may buffer together before they stop reading").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void batchRead(String shardId, int records, long millisBehindLatest) {
        received.increment(records);
        behindByShard.computeIfAbsent(shardId, s -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(MILLIS_BEHIND, holder, AtomicLong::get)
                    .tags(streamTags.and("shard", s)).baseUnit("milliseconds")
                    .description("How far this shard's reads are behind the tip of the stream").register(registry);
            return holder;
        }).set(millisBehindLatest);
    }

    public void rejected(int records) {
        rejected.increment(records);
    }

    public void windowFlushed(int anomalyCount, Duration writeTime) {
        windowsFlushed.increment();
        anomalies.increment(anomalyCount);
        flushLatency.record(writeTime);
    }

    /** A shard waited this long for write slots before it read on. */
    public void backpressure(Duration waited) {
        backpressure.record(waited);
    }

    public void checkpointed() {
        checkpoints.increment();
    }

    public void windowWriteAbandoned() {
        writeFailures.increment();
    }

    public void buffered(String shardId, int records, long bytes) {
        bufferedByShard.computeIfAbsent(shardId, s -> new AtomicLong()).set(records);
        bytesByShard.computeIfAbsent(shardId, s -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(BUFFERED_BYTES, holder, AtomicLong::get).tags(streamTags.and("shard", s)).baseUnit("bytes")
                    .description("Heap the records not yet written hold on this worker (the memory budget's count)")
                    .register(registry);
            return holder;
        }).set(bytes);
    }

    /** Stops reporting a shard this worker no longer owns. */
    public void shardReleased(String shardId) {
        bufferedByShard.remove(shardId);
        if (bytesByShard.remove(shardId) != null) {
            registry.find(BUFFERED_BYTES).tag("shard", shardId).meters().forEach(registry::remove);
        }
        AtomicLong behind = behindByShard.remove(shardId);
        if (behind != null) {
            registry.find(MILLIS_BEHIND).tag("shard", shardId).meters()
                    .forEach(registry::remove);
        }
    }

    @Override
    public void written(String table, int items) {
        registry.counter(ITEMS_WRITTEN, streamTags.and("table", table)).increment(items);
    }

    @Override
    public void unprocessed(String table, int items) {
        registry.counter(WRITE_RETRIES, streamTags.and("table", table, "cause", "unprocessed"))
                .increment(items);
    }

    @Override
    public void failedRequest(String table, RuntimeException failure) {
        String cause = isThrottling(failure) ? "throttled"
                : WriteError.of(failure) == WriteError.TABLE_FAULT ? "table_fault" : "error";
        registry.counter(WRITE_RETRIES, streamTags.and("table", table, "cause", cause)).increment();
    }

    @Override
    public void rejectedItem(String table) {
        registry.counter(ITEMS_REFUSED, streamTags.and("table", table)).increment();
        rejected.increment();
    }

    /** The SDK's own classification: it knows DynamoDB's throttling error codes, whatever the exception class. */
    private static boolean isThrottling(RuntimeException failure) {
        return failure instanceof SdkServiceException service && service.isThrottlingException();
    }
}
