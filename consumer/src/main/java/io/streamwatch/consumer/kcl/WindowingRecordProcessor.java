package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.logging.RateLimitedLog;
import io.streamwatch.consumer.metrics.ConsumerMetrics;
import io.streamwatch.consumer.pipeline.BatchOutcome;
import io.streamwatch.consumer.pipeline.Checkpointer;
import io.streamwatch.consumer.pipeline.ShardPipeline;
import io.streamwatch.consumer.pipeline.ShardPipelines;
import io.streamwatch.consumer.pipeline.WaitPolicy;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.pipeline.WindowFlush;
import io.streamwatch.consumer.sink.Sleeper;
import io.streamwatch.consumer.status.WorkerActivity;
import io.streamwatch.consumer.status.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;

/**
 * The KCL edge of one shard: hands each batch to {@link ShardPipeline#handle} with the KCL's checkpointer
 * behind the pipeline's {@link Checkpointer} port (retries, metrics, status), logs what it reports, and maps
 * the KCL lifecycle onto the pipeline: lease lost drops the buffer; shard end and shutdown
 * {@link ShardPipeline#drain} everything within the drain's time. Checkpoints are only taken on the KCL's
 * thread, in these calls; writes that complete between batches are checkpointed with the next one (the KCL
 * calls at least every poll interval). It also keeps what the pipeline must not: MDC, metrics, the
 * fail-fast catch-all and the retry of retryable checkpoint errors; and it reports to {@link WorkerActivity}
 * what the health check and the drain need: each call into our code, a beat for every second a wait lasts,
 * each checkpoint, and a shard that stops with records neither written nor handed back.
 */
public final class WindowingRecordProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WindowingRecordProcessor.class);
    private static final int CHECKPOINT_ATTEMPTS = 5;

    private final ShardPipelines pipelines;
    private final ConsumerMetrics metrics;
    private final RateLimitedLog rejectionLog;
    private final WorkerActivity activity;
    private final Clock clock;
    private final ShutdownDeadline deadline;
    private final WorkerStop workerStop;
    private final Sleeper sleeper;
    private final WorkerStatus status;
    private ShardPipeline pipeline;
    private WorkerActivity.Processor activityReport;
    private String shardId = "unknown";
    private boolean shutdownFlushed;
    /** A checkpoint found the lease held by another worker: what is unwritten is handed back to it. */
    private boolean leaseGone;
    /** The last position this processor stored. */
    private Optional<io.streamwatch.consumer.pipeline.RecordPosition> lastCheckpointed = Optional.empty();
    /** Set by an unexpected exception: nothing more is buffered or checkpointed here; the shard is replayed. */
    private boolean failed;

    WindowingRecordProcessor(ShardPipelines pipelines, ConsumerMetrics metrics,
                             RateLimitedLog rejectionLog, WorkerActivity activity, Clock clock,
                             ShutdownDeadline deadline, WorkerStop workerStop, Sleeper sleeper, WorkerStatus status) {
        this.pipelines = pipelines;
        this.metrics = metrics;
        this.rejectionLog = rejectionLog;
        this.activity = activity;
        this.clock = clock;
        this.deadline = deadline;
        this.workerStop = workerStop;
        this.sleeper = sleeper;
        this.status = status;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        activityReport = activity.started(shardId);
        pipeline = pipelines.create(shardId, waitPolicy());
        status.shardStarted(shardId, String.valueOf(input.extendedSequenceNumber()));
        LOG.info("Shard {} starting at {}", shardId, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        MDC.put("shardId", shardId);
        activityReport.callStarted();
        try {
            if (failed) {
                return; // the worker is stopping; the next owner replays from the last checkpoint
            }
            OptionalLong behind = input.millisBehindLatest() == null ? OptionalLong.empty()
                    : OptionalLong.of(input.millisBehindLatest());
            activityReport.behind(behind.orElse(-1));
            metrics.batchRead(shardId, input.records().size(), behind.orElse(0));
            // With too many windows being written, handle waits (the KCL reads no further for this shard
            // meanwhile), checkpointing each window as it is written: the backpressure.
            BatchOutcome outcome = pipeline.handle(KinesisRecords.toBatch(input.records()), clock.millis(),
                    behind, checkpointer(input.checkpointer()));
            report(outcome);
            if (!outcome.backpressureWait().isZero()) {
                metrics.backpressure(outcome.backpressureWait());
            }
        } catch (RuntimeException | Error e) {
            // Thrown back to the KCL, the batch would be logged as skipped and later checkpoints could pass
            // over it. Instead stop using this shard, and the worker, so the lease moves and it is replayed.
            fail("processing a batch of " + input.records().size() + " records", e);
        } finally {
            metrics.buffered(shardId, pipeline.bufferedRecords(), pipeline.bufferedBytes());
            status.batch(shardId, input.records().size(), java.util.Optional.ofNullable(input.millisBehindLatest()),
                    pipeline.state());
            activityReport.callEnded();
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
            // Handed back, not lost: the new owner replays everything after the checkpoint.
            LOG.warn("Shard {}: lease lost{}; dropping {} buffered records (the new owner replays them from the "
                    + "checkpoint)", shardId, deadline.started() ? " during the drain" : "", buffered);
        }
        if (pipeline != null) {
            pipeline.discard();
        }
        release();
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        if (failed) {
            LOG.warn("Shard {} ended, but this worker failed on it: not checkpointing SHARD_END, so it is replayed",
                    shardId);
            release();
            return;
        }
        LOG.info("Shard {} ended (resharded); flushing all windows", shardId);
        activityReport.callStarted();
        try {
            BatchOutcome outcome = pipeline.drain(Checkpointer.NONE);
            report(outcome);
            boolean checkpointed = outcome.failed().isEmpty()
                    // KCL requires the SHARD_END checkpoint before it starts the child shards.
                    && checkpointWithRetries(() -> input.checkpointer().checkpoint(), "SHARD_END");
            if (!checkpointed) {
                LOG.error("Shard {}: could not flush and checkpoint at shard end; the shard will be replayed",
                        shardId);
                if (deadline.started()) {
                    activityReport.unflushed();
                }
            }
        } finally {
            release();
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (failed) {
            LOG.warn("Shard {}: shutdown requested after a failure on this shard: not flushing or checkpointing, "
                    + "it is replayed from the last checkpoint", shardId);
            release();
            return;
        }
        LOG.info("Shard {}: shutdown requested; flushing {} buffered records", shardId, pipeline.bufferedRecords());
        activityReport.callStarted();
        try {
            BatchOutcome outcome = pipeline.drain(checkpointer(input.checkpointer()));
            report(outcome);
            // Everything read is written, and the checkpoint is at the last record (or nothing was read).
            shutdownFlushed = outcome.failed().isEmpty() && pipeline.bufferedRecords() == 0
                    && pipeline.safeCheckpoint().equals(lastCheckpointed);
            // A lease taken by another worker meanwhile hands the rest back: its new owner replays it.
            if (!shutdownFlushed && !leaseGone) {
                activityReport.unflushed();
            }
        } finally {
            release();
        }
    }

    private void fail(String what, Throwable e) {
        failed = true;
        if (pipeline != null) {
            pipeline.discard();
        }
        LOG.error("Shard {}: unexpected error while {}; nothing past the last checkpoint is kept, and the worker "
                + "stops so the shard is replayed", shardId, what, e);
        workerStop.stop("unexpected error on shard " + shardId + ": " + e);
    }

    private void release() {
        status.shardStopped(shardId);
        metrics.shardReleased(shardId);
        if (activityReport != null) {
            activityReport.callEnded();
            activityReport.stopped();
        }
    }

    /** The pipeline's waits: a beat each second for the health check, bounded by the drain's write deadline. */
    private WaitPolicy waitPolicy() {
        return new WaitPolicy() {
            @Override
            public void stillWaiting() {
                activityReport.beat();
            }

            @Override
            public Optional<Duration> drainTimeLeft() {
                return deadline.timeLeft();
            }
        };
    }

    private void report(BatchOutcome outcome) {
        if (!outcome.rejected().isEmpty()) {
            metrics.rejected(outcome.rejected().size());
            for (WindowEntry.Rejected r : outcome.rejected()) {
                status.rejected(r.reason());
                rejectionLog.warn("Shard {}: rejected record {} ({}); kept in the dead-letter table", shardId,
                        r.meta().position(), r.reason());
            }
        }
        for (BatchOutcome.FailedWindow failed : outcome.failed()) {
            metrics.windowWriteAbandoned();
            if (failed.cause().permanent()) {
                // One line, no stack trace: what is wrong and what fixes it. The window stays buffered.
                LOG.error("Shard {}: {}", shardId, failed.cause().getMessage());
                workerStop.stop(failed.cause().getMessage());
                continue;
            }
            LOG.error("Shard {}: writes of window {} ({} records) did not complete; nothing is checkpointed past it "
                    + "and it stays buffered for the next attempt (or is replayed after a restart): {}", shardId,
                    failed.bounds(), failed.records(), failed.cause().getMessage(), failed.cause());
        }
        for (BatchOutcome.FlushedWindow flushed : outcome.flushed()) {
            WindowFlush flush = flushed.flush();
            metrics.windowFlushed(flush.anomalies().size(), flushed.writeTime());
            long now = clock.millis();
            status.flushed(shardId, flush.bounds(), flush.readings().size(), flush.anomalies().size(),
                    flush.hottestAnomalies(WorkerStatus.HOTTEST).stream()
                            .map(a -> new WorkerStatus.Anomaly(shardId, a.reading().name(),
                                    a.reading().temperatureValue(), a.reading().status(), now)).toList());
            LOG.info("Window flushed shard={} window={} records={} anomalies={} rejected={} hottest=[{}] writeMs={}",
                    shardId, flush.bounds(), flush.readings().size(), flush.anomalies().size(),
                    flush.rejected().size(), hottest(flush), flushed.writeTime().toMillis());
        }
    }

    private static String hottest(WindowFlush flush) {
        return flush.hottest(2).stream()
                .map(a -> a.reading().name() + " " + a.reading().temperatureValue().toPlainString() + " "
                        + a.reading().status())
                .collect(Collectors.joining(", "));
    }

    /**
     * The KCL's checkpointer as the pipeline's port: retried as {@link #checkpointWithRetries} says, counted,
     * shown on the status page; each one is also a heartbeat, so a shard waiting on writes is not stuck.
     */
    private Checkpointer checkpointer(RecordProcessorCheckpointer kcl) {
        return position -> {
            activityReport.beat();
            boolean done = checkpointWithRetries(
                    () -> kcl.checkpoint(position.sequenceNumber(), position.subSequenceNumber()), position.toString());
            if (done) {
                lastCheckpointed = Optional.of(position);
                activityReport.checkpointed();
                metrics.checkpointed();
                status.checkpointed(shardId, position.toString());
            }
            return done;
        };
    }

    /**
     * Retries throttled checkpoints and lease-table errors ({@code KinesisClientLibRetryableException}, and
     * the plain RuntimeException the KCL throws when the lease table cannot be reached):
     * {@value #CHECKPOINT_ATTEMPTS} attempts while running (the next batch tries again), and for as long as
     * the drain leaves while shutting down, each wait capped at the time left.
     */
    private boolean checkpointWithRetries(CheckpointCall call, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                LOG.debug("Shard {} checkpointed at {}", shardId, what);
                return true;
            } catch (RuntimeException e) {
                // KinesisClientLibRetryableException (throttling, lease-table errors), and the plain
                // RuntimeException the KCL wraps an unreachable lease table in. A checkpoint not taken loses
                // nothing, so every one of these is retried, never thrown (it would stop the shard).
                Optional<Duration> drainLeft = deadline.drainTimeLeft();
                boolean retry = drainLeft.map(left -> !left.isZero()).orElse(attempt < CHECKPOINT_ATTEMPTS);
                LOG.warn("Shard {}: checkpoint at {} failed (attempt {}{}): {}", shardId, what, attempt,
                        drainLeft.isPresent() ? ", draining" : "/" + CHECKPOINT_ATTEMPTS, e.toString());
                if (!retry) {
                    break;
                }
                Duration wait = Duration.ofMillis(100L << Math.min(attempt, 6));
                sleep(drainLeft.filter(left -> left.compareTo(wait) < 0).orElse(wait));
            } catch (ShutdownException e) {
                leaseGone = true;
                LOG.info("Shard {}: lease no longer held, checkpoint at {} skipped", shardId, what);
                return false;
            } catch (InvalidStateException e) {
                LOG.error("Shard {}: checkpoint at {} failed; the lease table may be missing or unreachable", shardId,
                        what, e);
                return false;
            }
        }
        LOG.error("Shard {}: checkpoint at {} did not succeed; {}", shardId, what,
                deadline.started() ? "the records after the last checkpoint are replayed by the next owner"
                        : "the next batch retries it");
        return false;
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface CheckpointCall {
        void run() throws ShutdownException, InvalidStateException;
    }
}
