package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.ReadingScratch;
import io.streamwatch.consumer.window.ClosedWindow;
import io.streamwatch.consumer.window.ShardWindows;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import io.streamwatch.consumer.window.Watermark;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One shard's processing, free of KCL and AWS types: decode each record, buffer it in its tumbling
 * window, hand windows to the sink as the watermark closes them, and say how far it is safe to checkpoint.
 *
 * <p>The protocol with the shard's reader is two calls: {@link #handle} for each batch and {@link #drain}
 * at shutdown, both given a {@link Checkpointer}. Inside them, in this order: collect the writes that
 * completed, decode each record of the batch straight into its window's columns, start writing the windows
 * the watermark closes, collect again and checkpoint; then, while more than {@code maxWindowsInFlight}
 * windows are being written, or the worker's {@link MemoryBudget} is exceeded, wait for the oldest and
 * checkpoint after each (over the budget with nothing being written, the oldest open window is written
 * early). Those bounds are the backpressure that keeps memory in check when DynamoDB is slower than the
 * stream. Every wait goes as its {@link WaitPolicy} says: in beats of at most {@link WaitPolicy#BEAT}, and
 * no longer than a drain allows. Writes overlap reading otherwise: a closed window's writes run while the
 * shard reads and decodes its next batches.
 *
 * <p>The checkpoint rule: everything up to the record just before the earliest record still buffered
 * has been written (or there is nothing buffered, and everything processed has been written). A window
 * stays buffered until its writes complete, whatever order they complete in, so a checkpoint never passes
 * an unwritten record and a crash loses nothing; replays rewrite the same items. Completed writes are
 * collected on every call, and the KCL calls every poll interval even when there is nothing to read.
 *
 * <p>Not thread-safe: one instance per shard, driven by one thread at a time. Only the sink's futures
 * complete on other threads, and the pipeline looks at them from its own.
 */
public final class ShardPipeline {

    static final String NO_ARRIVAL_REASON = "Kinesis gave no approximate arrival timestamp, so the record has no "
            + "window that every replay would agree on";

    private final String shardId;
    private final CsvRecordDecoder decoder;
    /** What the decoder fills for each record, read into the window's columns at once. */
    private final ReadingScratch scratch = new ReadingScratch();
    private final ShardWindows<WindowEntry> windows;
    private final AnomalyRule anomalyRule;
    private final WindowSink sink;
    private final int maxWindowsInFlight;
    private final MemoryBudget budget;
    private final WaitPolicy waits;
    /** What this shard's windows hold on the heap, as counted in {@link #budget}. */
    private long bufferedBytes;
    /** Windows handed to the sink and not yet collected, oldest first. */
    private final ArrayDeque<PendingWrite> inFlight = new ArrayDeque<>();
    /** Windows whose writes failed: written again with the next call. */
    private final List<ClosedWindow<WindowEntry>> toRetry = new ArrayList<>();

    private Optional<RecordPosition> lastCheckpointed = Optional.empty();

    /**
     * The shard's windows buffer their entries by column ({@link ColumnarEntries}): about 40 bytes a reading.
     *
     * @param assigner           the tumbling windows records go to, by arrival time
     * @param grace              how long past its end a window stays open for late records
     * @param maxWindowsInFlight windows whose writes may run while the shard reads on; at least 1
     */
    public ShardPipeline(String shardId, CsvRecordDecoder decoder, TumblingWindowAssigner assigner, Duration grace,
                         AnomalyRule anomalyRule, WindowSink sink, int maxWindowsInFlight) {
        this(shardId, decoder, assigner, grace, anomalyRule, sink, maxWindowsInFlight, MemoryBudget.unlimited(),
                WaitPolicy.UNBOUNDED);
    }

    /**
     * A pipeline as {@link ShardPipelines} builds it for the worker.
     *
     * @param budget the bytes every shard of the worker may buffer together
     * @param waits  how this shard waits for its writes: beats, and the drain's bound
     */
    public ShardPipeline(String shardId, CsvRecordDecoder decoder, TumblingWindowAssigner assigner, Duration grace,
                         AnomalyRule anomalyRule, WindowSink sink, int maxWindowsInFlight, MemoryBudget budget,
                         WaitPolicy waits) {
        if (maxWindowsInFlight < 1) {
            throw new IllegalArgumentException("maxWindowsInFlight must be at least 1, got " + maxWindowsInFlight);
        }
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.windows = new ShardWindows<>(assigner, grace, ColumnarEntries::new);
        this.anomalyRule = Objects.requireNonNull(anomalyRule, "anomalyRule");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.maxWindowsInFlight = maxWindowsInFlight;
        this.budget = Objects.requireNonNull(budget, "budget");
        this.waits = Objects.requireNonNull(waits, "waits");
    }

    /**
     * Handles one batch: buffers it, writes the windows it closes, checkpoints what is written, and waits
     * for the oldest windows (checkpointing each) while too many are being written.
     *
     * @param batch              records in shard order; may be empty (KCL calls with empty batches at the tip)
     * @param nowMillis          the local clock, used only when the batch is empty or reaches the shard's tip
     * @param millisBehindLatest how far behind the tip the batch is, as Kinesis reported it; empty if unknown
     * @return everything the call did; {@code checkpoint} is the last position stored
     */
    public BatchOutcome handle(List<InboundRecord> batch, long nowMillis, OptionalLong millisBehindLatest,
                               Checkpointer checkpointer) {
        return handle(RecordBatch.of(batch), nowMillis, millisBehindLatest, checkpointer);
    }

    /**
     * {@link #handle(List, long, OptionalLong, Checkpointer)} for a batch held by column, which the readings
     * go from into the windows' columns without an object per record: what the KCL processor and the file
     * replay pass. The pipeline keeps nothing of {@code batch}; the caller may reuse it once this returns.
     */
    public BatchOutcome handle(RecordBatch batch, long nowMillis, OptionalLong millisBehindLatest,
                               Checkpointer checkpointer) {
        Steps steps = new Steps(checkpointer);
        steps.add(process(batch, nowMillis, millisBehindLatest));
        if (mustWait()) {
            long waitStart = System.nanoTime();
            while (mustWait()) {
                if (waits.drainTimeLeft().isPresent() || Thread.currentThread().isInterrupted()) {
                    // Draining: return, so the KCL can call shutdownRequested, whose drain waits within the deadline.
                    break;
                }
                steps.add(awaitOldestWrite(WaitPolicy.BEAT));
                waits.stillWaiting();
            }
            steps.waited = Duration.ofNanos(System.nanoTime() - waitStart);
        }
        return steps.outcome();
    }

    /**
     * Shard end and shutdown: writes every window, open or being written, waits for them (unbounded until a
     * drain starts, then within its deadline, re-read at every beat), and checkpoints what was written.
     */
    public BatchOutcome drain(Checkpointer checkpointer) {
        Steps steps = new Steps(checkpointer);
        steps.add(flushAll());
        return steps.outcome();
    }

    /**
     * True while the shard must not read on: more than {@code maxWindowsInFlight} windows being written, or
     * the memory budget exceeded while this shard has something it can write to free memory. Over the
     * budget with no write running, the oldest open window is written early, so there is something to wait
     * for; with nothing of its own left to write, the shard reads on (other shards hold the memory and
     * free it as their writes complete).
     */
    private boolean mustWait() {
        if (overWriteLimit()) {
            return true;
        }
        if (!budget.exceeded()) {
            return false;
        }
        if (inFlight.isEmpty()) {
            retryFailed();
        }
        if (inFlight.isEmpty()) {
            windows.closeOldestEarly().ifPresent(this::startWrite);
        }
        return !inFlight.isEmpty();
    }

    /**
     * Buffers a batch, starts writing every window the new watermark closes, and collects the writes
     * that completed. Never waits for writes; see {@link #overWriteLimit()}.
     *
     * @param batch              records in shard order; may be empty (KCL calls with empty batches at the tip)
     * @param nowMillis          the local clock, used only when the batch is empty or reaches the shard's tip
     * @param millisBehindLatest how far behind the tip the batch is, as Kinesis reported it; empty if unknown
     */
    BatchOutcome process(List<InboundRecord> batch, long nowMillis, OptionalLong millisBehindLatest) {
        return process(RecordBatch.of(batch), nowMillis, millisBehindLatest);
    }

    /**
     * {@link #process(List, long, OptionalLong)} for a batch held by column. Each record is decoded straight
     * into its window's columns; the decoder reports bad input as a rejection and does not throw.
     */
    BatchOutcome process(RecordBatch batch, long nowMillis, OptionalLong millisBehindLatest) {
        Collected collected = new Collected();
        retryFailed();
        collectCompleted(collected);
        int accepted = 0;
        List<WindowEntry.Rejected> rejected = new ArrayList<>();
        long newestArrival = Long.MIN_VALUE;
        long addedBytes = 0;
        byte[] bytes = batch.bytes();
        for (int i = 0; i < batch.size(); i++) {
            long arrival = batch.arrivalMillis(i);
            newestArrival = Math.max(newestArrival, arrival);
            Optional<String> rejection = arrival == RecordMeta.NO_ARRIVAL ? Optional.of(NO_ARRIVAL_REASON)
                    : decoder.decodeInto(bytes, batch.payloadOffset(i), batch.payloadLength(i), scratch);
            if (rejection.isPresent()) {
                WindowEntry.Rejected entry = new WindowEntry.Rejected(batch.meta(shardId, i), batch.payload(i),
                        rejection.get());
                ColumnarEntries buffer = (ColumnarEntries) windows.bufferFor(arrival, false);
                long before = buffer.retainedBytes();
                buffer.add(entry);
                addedBytes += buffer.retainedBytes() - before;
                rejected.add(entry);
                continue;
            }
            accepted++;
            // The windows are built in the constructor with columnar buffers.
            ColumnarEntries buffer = (ColumnarEntries) windows.bufferFor(arrival,
                    anomalyRule.isAnomaly(scratch.temperature(), scratch.scale()));
            long before = buffer.retainedBytes();
            buffer.addReading(shardId, batch.sequenceNumber(i), batch.subSequenceNumber(i), arrival, scratch);
            addedBytes += buffer.retainedBytes() - before;
        }
        account(addedBytes);
        windows.advanceWatermark(Watermark.afterBatch(batch.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(newestArrival), nowMillis, millisBehindLatest));
        windows.closeReady().forEach(this::startWrite);
        collectCompleted(collected);
        return new BatchOutcome(accepted, rejected, collected.flushed, collected.failed, nextCheckpoint());
    }

    /**
     * True while more than {@code maxWindowsInFlight} windows are being written: the caller should not read
     * on. A batch that closes many windows at once (a backlog) goes over the limit; waiting one window at a
     * time lets each be checkpointed as soon as it is written.
     */
    boolean overWriteLimit() {
        return inFlight.size() > maxWindowsInFlight;
    }

    /** Waits at most {@code maxWait} for the oldest window being written, then collects every completed write. */
    BatchOutcome awaitOldestWrite(Duration maxWait) {
        Collected collected = new Collected();
        if (!inFlight.isEmpty()) {
            awaitOldest(maxWait.toNanos());
        }
        collectCompleted(collected);
        return new BatchOutcome(0, List.of(), collected.flushed, collected.failed, nextCheckpoint());
    }

    /**
     * Writes every window, open or still being written, regardless of the watermark, and waits for all of
     * them in beats: without a bound until a drain starts, then until its write deadline, which is read again
     * at every beat (a SIGTERM during a shard-end flush bounds it too). The windows still being written
     * then are reported as failed and stay buffered, so the checkpoint stops before them and what was
     * written in time is still checkpointed.
     */
    BatchOutcome flushAll() {
        Collected collected = new Collected();
        retryFailed();
        windows.closeAll().forEach(this::startWrite);
        while (!inFlight.isEmpty()) {
            Optional<Duration> left = waits.drainTimeLeft();
            long beat = left.map(l -> Math.min(l.toNanos(), WaitPolicy.BEAT.toNanos())).orElse(WaitPolicy.BEAT.toNanos());
            boolean interrupted = Thread.currentThread().isInterrupted();
            if (!awaitOldest(beat) && (interrupted || left.isPresent() && left.get().toNanos() <= beat)) {
                for (PendingWrite pending : inFlight) {
                    collected.failed.add(new BatchOutcome.FailedWindow(pending.window().bounds(),
                            pending.window().entries().size(),
                            new SinkException("still being written when the drain's write deadline passed")));
                }
                break;
            }
            collectCompleted(collected);
            waits.stillWaiting();
        }
        return new BatchOutcome(0, List.of(), collected.flushed, collected.failed, nextCheckpoint());
    }

    /**
     * Drops the buffer without waiting for its writes: the lease is gone and the next owner replays from the
     * checkpoint. The windows being written are cancelled, so the sink may skip what it has not started;
     * requests already sent finish, and rewrite the same items the next owner writes.
     */
    public void discard() {
        windows.discardAll();
        account(-bufferedBytes);
        inFlight.forEach(pending -> pending.started().cancel(false));
        inFlight.clear();
        toRetry.clear();
    }

    /** Records that the checkpointer accepted {@code position}. */
    void checkpointed(RecordPosition position) {
        lastCheckpointed = Optional.of(position);
    }

    /** The furthest position that is safe to checkpoint now, if any record has been processed. */
    public Optional<RecordPosition> safeCheckpoint() {
        return windows.newestEntryBeforeBuffered().map(entry -> entry.meta().position());
    }

    /** Records not yet written: in open windows, and in closed windows whose writes are running or failed. */
    public int bufferedRecords() {
        return windows.bufferedCount();
    }

    /** What this shard's buffered windows hold on the heap (estimated from their arrays), in bytes. */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /** Windows whose writes are running. */
    public int windowsInFlight() {
        return inFlight.size();
    }

    /** What the shard holds now, for the status page: watermark, open windows, writes running. */
    public PipelineState state() {
        return new PipelineState(windows.watermark(), windows.openWindows(), inFlight.size(), windows.bufferedCount(),
                bufferedBytes);
    }

    public String shardId() {
        return shardId;
    }

    private Optional<RecordPosition> nextCheckpoint() {
        Optional<RecordPosition> safe = safeCheckpoint();
        return safe.equals(lastCheckpointed) ? Optional.empty() : safe;
    }

    private void account(long bytes) {
        if (bytes != 0) {
            bufferedBytes += bytes;
            budget.add(bytes);
        }
    }

    private void retryFailed() {
        toRetry.forEach(this::startWrite);
        toRetry.clear();
    }

    private void startWrite(ClosedWindow<WindowEntry> window) {
        WindowFlush flush = plan(window);
        long start = System.nanoTime();
        CompletableFuture<Void> written;
        try {
            written = sink.write(flush);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        inFlight.add(new PendingWrite(window, flush, written,
                written.thenApply(done -> Duration.ofNanos(System.nanoTime() - start))));
    }

    /** Waits for the oldest write at most {@code nanos}; false if it is still running then. */
    private boolean awaitOldest(long nanos) {
        if (nanos <= 0) {
            return inFlight.getFirst().written().isDone();
        }
        try {
            inFlight.getFirst().written().handle((time, failure) -> null).get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a stage that handles its failure failed", e);
        }
    }

    /** Releases the windows whose writes succeeded and queues the failed ones for another attempt. */
    private void collectCompleted(Collected collected) {
        for (Iterator<PendingWrite> it = inFlight.iterator(); it.hasNext(); ) {
            PendingWrite pending = it.next();
            if (!pending.written().isDone()) {
                continue;
            }
            it.remove();
            try {
                Duration writeTime = pending.written().join();
                windows.release(pending.window());
                account(-((ColumnarEntries) pending.window().entries()).retainedBytes());
                collected.flushed.add(new BatchOutcome.FlushedWindow(pending.flush(), writeTime));
            } catch (CompletionException | CancellationException e) {
                toRetry.add(pending.window());
                collected.failed.add(new BatchOutcome.FailedWindow(pending.window().bounds(),
                        pending.window().entries().size(), SinkException.of(e, "window write")));
            }
        }
    }

    /**
     * What a closed window writes: its readings and anomalies as index views over the window's columns that
     * rebuild each entry when the sink reads it (the anomaly check reads the temperature column), and its
     * rejected records. The anomaly indexes are sized by the window's flagged count (the same rule flagged
     * them as they were added), and a window without rejected records lists its readings as all its indexes.
     */
    private WindowFlush plan(ClosedWindow<WindowEntry> window) {
        // The windows are built in the constructor with columnar buffers, handed out as they are.
        ColumnarEntries columns = (ColumnarEntries) window.entries();
        int size = columns.size();
        int[] readings = null; // all indexes so far: allocated at the first rejected record
        int[] anomalies = new int[window.flagged()];
        int readingCount = 0;
        int anomalyCount = 0;
        List<WindowEntry.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean anomaly;
            if (columns.inColumns(i)) {
                anomaly = columns.isAnomaly(i, anomalyRule);
            } else if (columns.get(i) instanceof WindowEntry.Accepted a) {
                anomaly = anomalyRule.isAnomaly(a.reading());
            } else {
                rejected.add((WindowEntry.Rejected) columns.get(i));
                if (readings == null) {
                    // Every entry before this one was a reading.
                    readings = new int[size - 1];
                    for (int k = 0; k < i; k++) {
                        readings[k] = k;
                    }
                }
                continue;
            }
            if (readings != null) {
                readings[readingCount] = i;
            }
            readingCount++;
            if (anomaly) {
                anomalies[anomalyCount++] = i;
            }
        }
        return new WindowFlush(shardId, window.bounds(),
                readings == null ? columns.all() : columns.view(readings, readingCount),
                columns.view(anomalies, anomalyCount), rejected);
    }

    /**
     * A window handed to the sink: {@code started} is the sink's future (cancelled when the window is
     * dropped), {@code written} completes after it with how long the writes took.
     */
    private record PendingWrite(ClosedWindow<WindowEntry> window, WindowFlush flush, CompletableFuture<Void> started,
                                CompletableFuture<Duration> written) {
    }

    /** The steps of one {@link #handle} or {@link #drain} call, checkpointed as they complete and merged. */
    private final class Steps {
        private final Checkpointer checkpointer;
        private int accepted;
        private final List<WindowEntry.Rejected> rejected = new ArrayList<>();
        private final List<BatchOutcome.FlushedWindow> flushed = new ArrayList<>();
        private final List<BatchOutcome.FailedWindow> failed = new ArrayList<>();
        private Optional<RecordPosition> stored = Optional.empty();
        private Duration waited = Duration.ZERO;

        Steps(Checkpointer checkpointer) {
            this.checkpointer = checkpointer;
        }

        void add(BatchOutcome step) {
            accepted += step.accepted();
            rejected.addAll(step.rejected());
            flushed.addAll(step.flushed());
            failed.addAll(step.failed());
            step.checkpoint().ifPresent(position -> {
                if (checkpointer.checkpoint(position)) {
                    checkpointed(position);
                    stored = Optional.of(position);
                }
            });
        }

        BatchOutcome outcome() {
            return new BatchOutcome(accepted, rejected, flushed, failed, stored, waited);
        }
    }

    /** What the writes collected during one call did. */
    private static final class Collected {
        final List<BatchOutcome.FlushedWindow> flushed = new ArrayList<>();
        final List<BatchOutcome.FailedWindow> failed = new ArrayList<>();
    }
}
