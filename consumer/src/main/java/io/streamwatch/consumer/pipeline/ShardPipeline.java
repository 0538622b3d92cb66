package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecodeResult;
import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.window.ClosedWindow;
import io.streamwatch.consumer.window.ShardWindows;
import io.streamwatch.consumer.window.Watermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One shard's processing, free of KCL and AWS types: decode each record, buffer it in its tumbling
 * window, flush windows as the watermark closes them, and say how far it is safe to checkpoint.
 *
 * <p>The checkpoint rule: everything up to the record just before the earliest record still buffered
 * has been written (or there is nothing buffered, and everything processed has been written). A
 * checkpoint never passes a buffered record, so a crash loses nothing; replays rewrite the same items.
 *
 * <p>Not thread-safe: one instance per shard, driven by one thread at a time.
 */
public final class ShardPipeline {

    private final String shardId;
    private final CsvRecordDecoder decoder;
    private final ShardWindows<WindowEntry> windows;
    private final AnomalyRule anomalyRule;
    private final WindowSink sink;

    private Optional<RecordPosition> lastCheckpointed = Optional.empty();

    public ShardPipeline(String shardId, CsvRecordDecoder decoder, ShardWindows<WindowEntry> windows,
                         AnomalyRule anomalyRule, WindowSink sink) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.windows = Objects.requireNonNull(windows, "windows");
        this.anomalyRule = Objects.requireNonNull(anomalyRule, "anomalyRule");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Buffers a batch, then flushes every window the new watermark closes.
     *
     * @param batch              records in shard order; may be empty (KCL calls with empty batches at the tip)
     * @param nowMillis          the local clock, used only when the batch is empty or reaches the shard's tip
     * @param millisBehindLatest how far behind the tip the batch is, as Kinesis reported it; empty if unknown
     * @throws SinkException if a window could not be written; it stays buffered and nothing past it is
     *                       offered for checkpointing
     */
    public BatchOutcome process(List<InboundRecord> batch, long nowMillis, OptionalLong millisBehindLatest)
            throws SinkException {
        int accepted = 0;
        List<WindowEntry.Rejected> rejected = new ArrayList<>();
        long newestArrival = Long.MIN_VALUE;
        for (InboundRecord record : batch) {
            WindowEntry entry = decode(record);
            if (entry instanceof WindowEntry.Rejected r) {
                rejected.add(r);
            } else {
                accepted++;
            }
            long arrival = record.meta().arrivalMillis();
            windows.add(arrival, entry);
            newestArrival = Math.max(newestArrival, arrival);
        }
        windows.advanceWatermark(Watermark.afterBatch(batch.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(newestArrival), nowMillis, millisBehindLatest));
        List<BatchOutcome.FlushedWindow> flushed = flush(windows.readyToClose());
        return new BatchOutcome(accepted, rejected, flushed, nextCheckpoint());
    }

    /** Flushes every open window regardless of the watermark: shard end and graceful shutdown. */
    public BatchOutcome flushAll() throws SinkException {
        List<BatchOutcome.FlushedWindow> flushed = flush(windows.allOpen());
        return new BatchOutcome(0, List.of(), flushed, nextCheckpoint());
    }

    /** Drops the buffer without writing: the lease is gone and the next owner replays from the checkpoint. */
    public void discard() {
        windows.discardAll();
    }

    /** Records that the checkpointer accepted {@code position}. */
    public void checkpointed(RecordPosition position) {
        lastCheckpointed = Optional.of(position);
    }

    /** The furthest position that is safe to checkpoint now, if any record has been processed. */
    public Optional<RecordPosition> safeCheckpoint() {
        return windows.newestEntryBeforeBuffered().map(entry -> entry.meta().position());
    }

    public int bufferedRecords() {
        return windows.bufferedCount();
    }

    public String shardId() {
        return shardId;
    }

    private Optional<RecordPosition> nextCheckpoint() {
        Optional<RecordPosition> safe = safeCheckpoint();
        return safe.equals(lastCheckpointed) ? Optional.empty() : safe;
    }

    private WindowEntry decode(InboundRecord record) {
        DecodeResult result = decoder.decode(record.payload());
        if (result instanceof SensorReading reading) {
            return new WindowEntry.Accepted(record.meta(), reading);
        }
        return new WindowEntry.Rejected(record.meta(), record.payload(), ((DecodeResult.Rejected) result).reason());
    }

    private List<BatchOutcome.FlushedWindow> flush(List<ClosedWindow<WindowEntry>> closing) throws SinkException {
        List<BatchOutcome.FlushedWindow> flushed = new ArrayList<>(closing.size());
        for (ClosedWindow<WindowEntry> window : closing) {
            WindowFlush plan = plan(window);
            long start = System.nanoTime();
            sink.write(plan);
            flushed.add(new BatchOutcome.FlushedWindow(plan, Duration.ofNanos(System.nanoTime() - start)));
            windows.release(window.bounds());
        }
        return flushed;
    }

    private WindowFlush plan(ClosedWindow<WindowEntry> window) {
        List<WindowEntry.Accepted> readings = new ArrayList<>(window.entries().size());
        List<WindowEntry.Accepted> anomalies = new ArrayList<>();
        List<WindowEntry.Rejected> rejected = new ArrayList<>();
        for (WindowEntry entry : window.entries()) {
            if (entry instanceof WindowEntry.Accepted a) {
                readings.add(a);
                if (anomalyRule.isAnomaly(a.reading())) {
                    anomalies.add(a);
                }
            } else {
                rejected.add((WindowEntry.Rejected) entry);
            }
        }
        return new WindowFlush(shardId, window.bounds(), readings, anomalies, rejected);
    }
}
