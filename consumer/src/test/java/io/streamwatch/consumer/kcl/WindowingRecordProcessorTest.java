package io.streamwatch.consumer.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.logging.RateLimitedLog;
import io.streamwatch.consumer.metrics.ConsumerMetrics;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.pipeline.MemoryBudget;
import io.streamwatch.consumer.pipeline.ShardPipelines;
import io.streamwatch.consumer.status.WorkerActivity;
import io.streamwatch.consumer.pipeline.SinkException;
import io.streamwatch.consumer.pipeline.WindowFlush;
import io.streamwatch.consumer.pipeline.WindowSink;
import io.streamwatch.consumer.sink.TableFaultException;
import io.streamwatch.consumer.status.WorkerStatus;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** How the KCL lifecycle maps onto the pipeline: what gets written, and what gets checkpointed when. */
class WindowingRecordProcessorTest {

    private static final String SHARD = "shardId-000000000000";
    private final List<WindowFlush> written = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final RecordProcessorCheckpointer checkpointer = mock(RecordProcessorCheckpointer.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // Added on the processor's thread, completed from others.
    private final List<CompletableFuture<Void>> heldWrites = new CopyOnWriteArrayList<>();
    private final ShutdownDeadline deadline = new ShutdownDeadline();
    private final WorkerActivity activity = new WorkerActivity(System::nanoTime);
    private final List<String> stops = new ArrayList<>();
    private final List<Duration> checkpointWaits = new ArrayList<>();
    private final WorkerStatus status = new WorkerStatus("worker-1", () -> 0L, () -> "running");
    private SinkException writeFailure = new SinkException("simulated outage past the drain deadline");
    private boolean failWrites;
    private boolean holdWrites;
    private WindowingRecordProcessor processor;

    @BeforeEach
    void start() throws Exception {
        WindowSink sink = flush -> {
            if (failWrites) {
                return CompletableFuture.failedFuture(writeFailure);
            }
            if (holdWrites) {
                CompletableFuture<Void> held = new CompletableFuture<>();
                heldWrites.add(held);
                return held.thenRun(() -> {
                    written.add(flush);
                    events.add("write");
                });
            }
            written.add(flush);
            events.add("write");
            return CompletableFuture.completedFuture(null);
        };
        processor = new WindowingRecordProcessor(
                new ShardPipelines(CsvRecordDecoder::new, new TumblingWindowAssigner(Duration.ofSeconds(20)),
                        Duration.ofSeconds(2), new AnomalyRule(100), sink, 4, MemoryBudget.unlimited()),
                new ConsumerMetrics(registry, "readings"),
                new RateLimitedLog(LoggerFactory.getLogger("test"), 10, Duration.ofMinutes(1)),
                activity, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), deadline, stops::add,
                checkpointWaits::add, status);
        processor.initialize(InitializationInput.builder().shardId(SHARD)
                .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON).build());
        doAnswer(inv -> events.add("checkpoint")).when(checkpointer).checkpoint(anyString(), anyLong());
        doAnswer(inv -> events.add("checkpoint SHARD_END")).when(checkpointer).checkpoint();
    }

    private static KinesisClientRecord record(int seq, long arrivalMillis, String payload) {
        return KinesisClientRecord.builder().sequenceNumber(Integer.toString(seq)).subSequenceNumber(0)
                .approximateArrivalTimestamp(Instant.ofEpochMilli(arrivalMillis)).partitionKey("k")
                .data(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer()).build();
    }

    private void process(KinesisClientRecord... records) {
        processor.processRecords(ProcessRecordsInput.builder().records(List.of(records)).checkpointer(checkpointer)
                .millisBehindLatest(0L).build());
    }

    @Test
    void checkpointsAfterAWindowIsWrittenAndNotPastTheRecordsStillBuffered() throws Exception {
        process(record(1, 1_000, "A,50,OK"), record(2, 2_000, "B,150,FAIL"), record(3, 25_000, "C,101,WARN"));

        assertThat(written).singleElement().satisfies(f -> assertThat(f.readings()).hasSize(2));
        verify(checkpointer).checkpoint("2", 0L);
        verify(checkpointer, never()).checkpoint("3", 0L);
        assertThat(events).containsExactly("write", "checkpoint");
        assertThat(registry.counter(ConsumerMetrics.RECEIVED, "stream", "readings").count()).isEqualTo(3);
        assertThat(registry.counter(ConsumerMetrics.CHECKPOINTS, "stream", "readings").count()).isEqualTo(1);
        assertThat(registry.timer(ConsumerMetrics.BACKPRESSURE, "stream", "readings").count()).isZero();
    }

    @Test
    void whenWritesFailNothingIsCheckpointedAndTheWindowIsRetriedNextBatch() throws Exception {
        failWrites = true;
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        verifyNoInteractions(checkpointer);
        assertThat(registry.counter(ConsumerMetrics.WRITE_FAILURES, "stream", "readings").count()).isEqualTo(1);

        failWrites = false;
        process();
        assertThat(written).hasSize(1);
        verify(checkpointer).checkpoint("1", 0L);
    }

    @Test
    void aWindowStillBeingWrittenWhenItsBatchReturnsIsCheckpointedWithTheNextCall() throws Exception {
        holdWrites = true;
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        verifyNoInteractions(checkpointer);

        heldWrites.get(0).complete(null);
        process();
        verify(checkpointer).checkpoint("1", 0L);
        assertThat(events).containsExactly("write", "checkpoint");
    }

    @Test
    void withMoreWindowsBeingWrittenThanAllowedTheBatchWaitsAndCheckpointsEachWindowAsItIsWritten() throws Exception {
        holdWrites = true;
        Thread storage = new Thread(() -> {
            while (heldWrites.size() < 5) {
                Thread.onSpinWait();
            }
            heldWrites.get(0).complete(null);
        });
        storage.start();
        // Five windows close at once; four may be in flight.
        process(record(1, 1_000, "A,50,OK"), record(2, 21_000, "B,50,OK"), record(3, 41_000, "C,50,OK"),
                record(4, 61_000, "D,50,OK"), record(5, 81_000, "E,50,OK"), record(6, 121_000, "F,50,OK"));
        storage.join();
        verify(checkpointer).checkpoint("1", 0L);
        assertThat(events).containsExactly("write", "checkpoint");
        assertThat(registry.timer(ConsumerMetrics.BACKPRESSURE, "stream", "readings").count()).isEqualTo(1);
    }

    @Test
    void onShutdownWritesAlreadyRunningAreAwaitedBeforeTheCheckpoint() throws Exception {
        holdWrites = true;
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        holdWrites = false;
        // The write of the first window completes while shutdown waits for it.
        CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> heldWrites.get(0).complete(null));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(written).hasSize(2);
        verify(checkpointer).checkpoint("2", 0L);
        assertThat(events).endsWith("checkpoint");
    }

    @Test
    void malformedRecordsAreCountedAndDoNotStopTheBatch() throws Exception {
        process(record(1, 1_000, "garbage"), record(2, 2_000, "A,120,OK"), record(3, 25_000, "B,1,OK"));
        assertThat(written).singleElement().satisfies(f -> {
            assertThat(f.rejected()).hasSize(1);
            assertThat(f.anomalies()).hasSize(1);
        });
        assertThat(registry.counter(ConsumerMetrics.REJECTED, "stream", "readings").count()).isEqualTo(1);
        verify(checkpointer).checkpoint("2", 0L);
    }

    @Test
    void atShardEndEverythingIsWrittenBeforeTheShardEndCheckpoint() throws Exception {
        process(record(1, 1_000, "A,50,OK"), record(2, 2_000, "B,50,OK"));
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        assertThat(written).singleElement().satisfies(f -> assertThat(f.readings()).hasSize(2));
        assertThat(events).containsExactly("write", "checkpoint SHARD_END");
    }

    @Test
    void onShutdownEverythingIsWrittenThenCheckpointedToTheLastRecord() throws Exception {
        process(record(1, 1_000, "A,50,OK"), record(2, 2_000, "B,50,OK"));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(written).hasSize(1);
        verify(checkpointer).checkpoint("2", 0L);
        assertThat(events).containsExactly("write", "checkpoint");
    }

    @Test
    void aCleanShutdownLeavesNoShardUnflushedAndReleasesTheProcessor() throws Exception {
        process(record(1, 1_000, "A,50,OK"), record(2, 2_000, "B,50,OK"));
        deadline.start(Duration.ofSeconds(10));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(activity.unflushed()).isEmpty();
        assertThat(activity.liveProcessors()).isZero();
    }

    @Test
    void aShutdownWhoseWritesOutliveTheDrainNamesTheShardAsUnflushed() throws Exception {
        holdWrites = true;
        process(record(1, 1_000, "A,50,OK"));
        deadline.start(Duration.ofMillis(500));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(activity.unflushed()).containsExactly(SHARD);
        verifyNoInteractions(checkpointer);
    }

    @Test
    void aShardEndFlushCutShortByTheDrainNamesTheShardAndDoesNotCheckpointShardEnd() throws Exception {
        holdWrites = true;
        process(record(1, 1_000, "A,50,OK"));
        deadline.start(Duration.ofMillis(500));
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        assertThat(activity.unflushed()).containsExactly(SHARD);
        verify(checkpointer, never()).checkpoint();
    }

    @Test
    void aLeaseLostDuringTheDrainHandsTheRecordsBackAndIsNotUnflushed() {
        process(record(1, 1_000, "A,50,OK"));
        deadline.start(Duration.ofSeconds(10));
        processor.leaseLost(LeaseLostInput.builder().build());
        assertThat(activity.unflushed()).isEmpty();
        assertThat(activity.liveProcessors()).isZero();
    }

    @Test
    void aProcessorWaitingOnBackpressureBeatsAndReturnsWhenTheDrainStarts() throws Exception {
        holdWrites = true;
        Thread shard = new Thread(() -> process(record(1, 1_000, "A,50,OK"), record(2, 21_000, "B,50,OK"),
                record(3, 41_000, "C,50,OK"), record(4, 61_000, "D,50,OK"), record(5, 81_000, "E,50,OK"),
                record(6, 121_000, "F,50,OK")));
        shard.start();
        Thread.sleep(2_500);
        assertThat(shard.isAlive()).isTrue();
        assertThat(activity.stuckInCalls(Duration.ofMillis(1_500))).as("it beats while it waits").isEmpty();

        deadline.start(Duration.ofSeconds(10));
        shard.join(5_000);
        assertThat(shard.isAlive()).as("returned so the KCL can call shutdownRequested").isFalse();
    }

    @Test
    void aLostLeaseDropsTheBufferWithoutWritingOrCheckpointing() {
        process(record(1, 1_000, "A,50,OK"));
        processor.leaseLost(LeaseLostInput.builder().build());
        assertThat(written).isEmpty();
        verifyNoInteractions(checkpointer);
    }

    @Test
    void aThrottledCheckpointIsRetried() throws Exception {
        doThrow(new ThrottlingException("slow down")).doAnswer(inv -> events.add("checkpoint"))
                .when(checkpointer).checkpoint("1", 0L);
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        verify(checkpointer, times(2)).checkpoint("1", 0L);
        assertThat(events).containsExactly("write", "checkpoint");
    }

    @Test
    void aCheckpointRefusedBecauseTheLeaseMovedIsNotAnError() throws Exception {
        doThrow(new ShutdownException("lease gone")).when(checkpointer).checkpoint("1", 0L);
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        // The same position is offered again on the next batch, since it was never recorded as checkpointed.
        process();
        verify(checkpointer, times(2)).checkpoint("1", 0L);
    }

    @Test
    void aLeaseTableErrorOnCheckpointIsRetriedLikeThrottling() throws Exception {
        // The KCL wraps an unreachable lease table in a plain RuntimeException, a refused update in its own.
        doThrow(new KinesisClientLibDependencyException("lease table refused the update"))
                .doThrow(new RuntimeException("Unable to execute HTTP request: Connection refused"))
                .doAnswer(inv -> events.add("checkpoint")).when(checkpointer).checkpoint("1", 0L);
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        verify(checkpointer, times(3)).checkpoint("1", 0L);
        assertThat(stops).as("a checkpoint error never stops the worker").isEmpty();
        assertThat(events).containsExactly("write", "checkpoint");
    }

    @Test
    void whileDrainingACheckpointIsRetriedUntilTheDrainDeadlineNotJustFiveTimes() throws Exception {
        deadline.start(Duration.ofSeconds(10));
        doThrow(new ThrottlingException("1"), new ThrottlingException("2"), new ThrottlingException("3"),
                new ThrottlingException("4"), new ThrottlingException("5"), new ThrottlingException("6"))
                .doAnswer(inv -> events.add("checkpoint")).when(checkpointer).checkpoint("1", 0L);
        process(record(1, 1_000, "A,50,OK"));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        verify(checkpointer, times(7)).checkpoint("1", 0L);
        assertThat(events).containsExactly("write", "checkpoint");
        assertThat(checkpointWaits).hasSize(6).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void anUnexpectedExceptionStopsTheWorkerAndNothingOfTheShardIsCheckpointedAfterIt() throws Exception {
        process(record(1, 1_000, "A,50,OK"));
        // A null record makes the conversion throw after the first record: a bug, not bad input.
        processor.processRecords(ProcessRecordsInput.builder().records(java.util.Arrays.asList(
                record(2, 2_000, "B,50,OK"), null)).checkpointer(checkpointer).millisBehindLatest(0L).build());

        assertThat(stops).singleElement().asString().contains("unexpected error on shard " + SHARD);
        process(record(3, 25_000, "C,50,OK"), record(4, 50_000, "D,50,OK"));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(written).as("the buffer was dropped, to be replayed by the next owner").isEmpty();
        verifyNoInteractions(checkpointer);
    }

    @Test
    void aTableThatCannotBeWrittenStopsTheWorkerWithTheOneLineThatNamesIt() {
        failWrites = true;
        writeFailure = new TableFaultException("data_dump", "AccessDeniedException: not authorized", null);
        process(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK"));
        assertThat(stops).singleElement().asString().contains("'data_dump'").contains("dynamodb:BatchWriteItem");
        verifyNoInteractions(checkpointer);
    }
}
