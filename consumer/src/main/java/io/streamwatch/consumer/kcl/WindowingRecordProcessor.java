package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.logging.RateLimitedLog;
import io.streamwatch.consumer.metrics.ConsumerMetrics;
import io.streamwatch.consumer.pipeline.BatchOutcome;
import io.streamwatch.consumer.pipeline.RecordPosition;
import io.streamwatch.consumer.pipeline.ShardPipeline;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.pipeline.WindowFlush;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;

/**
 * The KCL edge of one shard: feeds batches to a {@link ShardPipeline}, checkpoints what it reports as
 * written, logs each flushed window, and maps the KCL lifecycle onto the pipeline:
 * lease lost drops the buffer; shard end and shutdown flush everything, wait for the writes, then
 * checkpoint. Checkpoints are only taken on the KCL's thread, in these calls; writes that complete
 * between batches are checkpointed with the next one (the KCL calls at least every poll interval).
 */
public final class WindowingRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WindowingRecordProcessor.class);
    private static final int CHECKPOINT_ATTEMPTS = 5;

    private final Function<String, ShardPipeline> pipelines;
    private final ConsumerMetrics metrics;
    private final RateLimitedLog rejectionLog;
    private final WorkerActivity activity;
    private final Clock clock;
    private ShardPipeline pipeline;
    private String shardId = "unknown";
    private boolean shutdownFlushed;

    WindowingRecordProcessor(Function<String, ShardPipeline> pipelines, ConsumerMetrics metrics,
                             RateLimitedLog rejectionLog, WorkerActivity activity, Clock clock) {
        this.pipelines = pipelines;
        this.metrics = metrics;
        this.rejectionLog = rejectionLog;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        pipeline = pipelines.apply(shardId);
        activity.shardStarted(shardId);
        LOG.info("Shard {} starting at {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        MDC.put("shardId", shardId);
        try {
            activity.heartbeat(shardId);
            OptionalLong behind = input.millisBehindLatest() == null ? OptionalLong.empty()
                    : OptionalLong.of(input.millisBehindLatest());
            metrics.batchRead(shardId, input.records().size(), behind.orElse(0));
            settle(pipeline.process(KinesisRecords.toInbound(shardId, input.records()), clock.millis(), behind),
                    input.checkpointer());
            // Backpressure: with too many windows being written, wait here (the KCL reads no further for this
            // shard meanwhile), checkpointing each window as it is written.
            if (pipeline.overWriteLimit()) {
                long waitStart = System.nanoTime();
                while (pipeline.overWriteLimit()) {
                    settle(pipeline.awaitOldestWrite(), input.checkpointer());
                    activity.heartbeat(shardId);
                }
                metrics.backpressure(Duration.ofNanos(System.nanoTime() - waitStart));
            }
        } finally {
            metrics.buffered(shardId, pipeline.bufferedRecords());
            activity.heartbeat(shardId);
            MDC.remove("shardId");
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        int buffered = pipeline == null ? 0 : pipeline.bufferedRecords();
        if (shutdownFlushed && buffered == 0) {
            // KCL releases the lease after a graceful shutdown; nothing is lost.
            LOG.info("Shard {}: lease released after shutdown", shardId);
        } else {
            LOG.warn("Shard {}: lease lost; dropping {} buffered records (the new owner replays them from the "
                    + "checkpoint)", shardId, buffered);
        }
        if (pipeline != null) {
            pipeline.discard();
        }
        release();
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        LOG.info("Shard {} ended (resharded); flushing all windows", shardId);
        try {
            BatchOutcome outcome = pipeline.flushAll();
            report(outcome);
            if (outcome.failed().isEmpty()) {
                // KCL requires the SHARD_END checkpoint before it starts the child shards.
                checkpointWithRetries(() -> input.checkpointer().checkpoint(), "SHARD_END");
            } else {
                LOG.error("Shard {}: could not flush at shard end; not checkpointing, the shard will be replayed",
                        shardId);
            }
        } finally {
            release();
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        LOG.info("Shard {}: shutdown requested; flushing {} buffered records", shardId, pipeline.bufferedRecords());
        try {
            BatchOutcome outcome = pipeline.flushAll();
            settle(outcome, input.checkpointer());
            shutdownFlushed = outcome.failed().isEmpty();
        } finally {
            release();
        }
    }

    private void settle(BatchOutcome outcome, RecordProcessorCheckpointer checkpointer) {
        report(outcome);
        outcome.checkpoint().ifPresent(position -> checkpoint(checkpointer, position));
    }

    private void release() {
        metrics.shardReleased(shardId);
        activity.shardStopped(shardId);
    }

    private void report(BatchOutcome outcome) {
        if (!outcome.rejected().isEmpty()) {
            metrics.rejected(outcome.rejected().size());
            for (WindowEntry.Rejected r : outcome.rejected()) {
                rejectionLog.warn("Shard {}: rejected record {} ({}); kept in the dead-letter table", shardId,
                        r.meta().position(), r.reason());
            }
        }
        for (BatchOutcome.FailedWindow failed : outcome.failed()) {
            metrics.windowWriteAbandoned();
            LOG.error("Shard {}: writes of window {} ({} records) did not complete; nothing is checkpointed past it "
                    + "and it stays buffered for the next attempt (or is replayed after a restart): {}", shardId,
                    failed.bounds(), failed.records(), failed.cause().getMessage(), failed.cause());
        }
        for (BatchOutcome.FlushedWindow flushed : outcome.flushed()) {
            WindowFlush flush = flushed.flush();
            metrics.windowFlushed(flush.anomalies().size(), flushed.writeTime());
            LOG.info("Window flushed shard={} window={} records={} anomalies={} rejected={} hottest=[{}] writeMs={}",
                    shardId, flush.bounds(), flush.readings().size(), flush.anomalies().size(),
                    flush.rejected().size(), hottest(flush), flushed.writeTime().toMillis());
        }
    }

    private static String hottest(WindowFlush flush) {
        return flush.hottest(2).stream()
                .map(a -> a.reading().name() + " " + a.reading().temperature() + " " + a.reading().status())
                .collect(Collectors.joining(", "));
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer, RecordPosition position) {
        boolean done = checkpointWithRetries(
                () -> checkpointer.checkpoint(position.sequenceNumber(), position.subSequenceNumber()),
                position.toString());
        if (done) {
            pipeline.checkpointed(position);
            metrics.checkpointed();
        }
    }

    private boolean checkpointWithRetries(CheckpointCall call, String what) {
        for (int attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
            try {
                call.run();
                LOG.debug("Shard {} checkpointed at {}", shardId, what);
                return true;
            } catch (ThrottlingException e) {
                LOG.warn("Shard {}: checkpoint at {} throttled (attempt {}/{})", shardId, what, attempt,
                        CHECKPOINT_ATTEMPTS);
                sleep(Duration.ofMillis(200L << attempt));
            } catch (ShutdownException e) {
                LOG.info("Shard {}: lease no longer held, checkpoint at {} skipped", shardId, what);
                return false;
            } catch (InvalidStateException e) {
                LOG.error("Shard {}: checkpoint at {} failed; the lease table may be missing or unreachable", shardId,
                        what, e);
                return false;
            }
        }
        LOG.error("Shard {}: checkpoint at {} still throttled after {} attempts; the next batch retries it", shardId,
                what, CHECKPOINT_ATTEMPTS);
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface CheckpointCall {
        void run() throws ThrottlingException, ShutdownException, InvalidStateException;
    }
}
