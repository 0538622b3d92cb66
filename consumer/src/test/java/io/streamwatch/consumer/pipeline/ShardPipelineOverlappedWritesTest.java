package io.streamwatch.consumer.pipeline;

import static io.streamwatch.consumer.pipeline.TestShard.AT_TIP;
import static io.streamwatch.consumer.pipeline.TestShard.position;
import static io.streamwatch.consumer.pipeline.TestShard.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A shard reads on while its closed windows are written, and checkpoints each record only once the
 * window holding it, and every window before it, has been written.
 */
class ShardPipelineOverlappedWritesTest {

    private final ManualSink sink = new ManualSink();

    private ShardPipeline pipeline(int maxWindowsInFlight) {
        return TestShard.pipeline(sink, maxWindowsInFlight);
    }

    @Test
    void theShardReadsOnWhileAWindowIsWrittenAndCheckpointsItWhenItsWritesComplete() {
        ShardPipeline pipeline = pipeline(4);
        BatchOutcome first = pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")),
                0, AT_TIP);
        assertThat(sink.pending).hasSize(1);
        assertThat(first.flushed()).isEmpty();
        assertThat(first.checkpoint()).isEmpty();

        BatchOutcome second = pipeline.process(List.of(record(3, 26_000, "C,50,OK")), 0, AT_TIP);
        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.checkpoint()).isEmpty();
        assertThat(pipeline.bufferedRecords()).isEqualTo(3);

        sink.complete(0);
        BatchOutcome third = pipeline.process(List.of(), 0, AT_TIP);
        assertThat(third.flushed()).singleElement()
                .satisfies(f -> assertThat(f.flush().readings()).extracting(a -> a.reading().name()).containsExactly("A"));
        assertThat(third.checkpoint()).contains(position(1));
        assertThat(pipeline.bufferedRecords()).isEqualTo(2);
    }

    @Test
    void aWindowWrittenBeforeAnEarlierOneDoesNotMoveTheCheckpointUntilTheEarlierOneIsWritten() {
        ShardPipeline pipeline = pipeline(4);
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 21_000, "B,50,OK"),
                record(3, 41_000, "C,50,OK"), record(4, 61_000, "D,50,OK"), record(5, 81_000, "E,50,OK")), 0, AT_TIP);
        assertThat(sink.pending).hasSize(3);

        sink.complete(1);
        sink.complete(2);
        BatchOutcome later = pipeline.process(List.of(), 0, AT_TIP);
        assertThat(later.flushed()).hasSize(2);
        assertThat(later.checkpoint()).isEmpty();

        sink.complete(0);
        assertThat(pipeline.process(List.of(), 0, AT_TIP).checkpoint()).contains(position(3));
    }

    @Test
    void pastTheBoundOnWindowsInFlightTheCallerWaitsForTheOldestAndCanCheckpointEachWindow() throws Exception {
        ShardPipeline pipeline = pipeline(1);
        BatchOutcome read = pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 21_000, "B,50,OK"),
                record(3, 41_000, "C,50,OK"), record(4, 61_000, "D,50,OK")), 0, AT_TIP);
        assertThat(read.accepted()).isEqualTo(4);
        assertThat(sink.pending).hasSize(2);
        assertThat(pipeline.overWriteLimit()).isTrue();

        AtomicReference<BatchOutcome> outcome = new AtomicReference<>();
        Thread shard = new Thread(() -> outcome.set(pipeline.awaitOldestWrite(java.time.Duration.ofMinutes(1))));
        shard.start();
        awaitWaiting(shard);
        assertThat(outcome.get()).isNull();

        sink.complete(0);
        shard.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(shard.isAlive()).isFalse();
        assertThat(outcome.get().flushed()).hasSize(1);
        assertThat(outcome.get().checkpoint()).contains(position(1));
        assertThat(pipeline.overWriteLimit()).isFalse();
    }

    @Test
    void flushAllWaitsForEveryWindowIncludingThoseAlreadyBeingWritten() throws Exception {
        ShardPipeline pipeline = pipeline(4);
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0, AT_TIP);
        AtomicReference<BatchOutcome> outcome = new AtomicReference<>();
        Thread shutdown = new Thread(() -> outcome.set(pipeline.flushAll()));
        shutdown.start();
        awaitWaiting(shutdown);
        assertThat(sink.pending).hasSize(2);

        sink.complete(1);
        sink.complete(0);
        shutdown.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(shutdown.isAlive()).isFalse();
        assertThat(outcome.get().flushed()).hasSize(2);
        assertThat(outcome.get().failed()).isEmpty();
        assertThat(outcome.get().checkpoint()).contains(position(2));
        assertThat(pipeline.bufferedRecords()).isZero();
    }

    @Test
    void aFlushAllDuringADrainStopsWaitingAtTheWriteDeadlineAndStillCheckpointsWhatWasWrittenInTime() {
        ShardPipeline pipeline = TestShard.pipeline(sink, 4, MemoryBudget.unlimited(),
                new TestShard.Draining(java.time.Duration.ofMillis(100), true));
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0, AT_TIP);
        sink.complete(0); // the first window is written; the second (B, flushed now) never completes

        BatchOutcome outcome = pipeline.flushAll();

        assertThat(outcome.flushed()).hasSize(1);
        assertThat(outcome.failed()).singleElement().satisfies(f -> {
            assertThat(f.records()).isEqualTo(1);
            assertThat(f.cause()).hasMessageContaining("still being written");
        });
        assertThat(outcome.checkpoint()).contains(position(1));
        assertThat(pipeline.bufferedRecords()).isEqualTo(1);
    }

    @Test
    void aWriteThatFailsDuringFlushAllIsReportedAndItsWindowStaysBuffered() {
        ShardPipeline pipeline = pipeline(4);
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0, AT_TIP);
        sink.complete(0);
        sink.failAutomatically = true;
        BatchOutcome outcome = pipeline.flushAll();
        assertThat(outcome.flushed()).hasSize(1);
        assertThat(outcome.failed()).singleElement().satisfies(f -> assertThat(f.records()).isEqualTo(1));
        assertThat(outcome.checkpoint()).contains(position(1));
        assertThat(pipeline.bufferedRecords()).isEqualTo(1);
    }

    @Test
    void writesStillRunningWhenTheLeaseIsLostAreCancelledForgottenAndNeverCheckpointed() {
        ShardPipeline pipeline = pipeline(4);
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0, AT_TIP);
        pipeline.discard();
        assertThat(sink.pending.get(0)).isCancelled();
        sink.complete(0);
        BatchOutcome after = pipeline.process(List.of(), 0, AT_TIP);
        assertThat(after.flushed()).isEmpty();
        assertThat(after.checkpoint()).isEmpty();
        assertThat(pipeline.windowsInFlight()).isZero();
    }

    @Test
    void aLateRecordForAWindowBeingWrittenIsWrittenInAReopenedWindowAndHoldsTheCheckpoint() {
        ShardPipeline pipeline = pipeline(4);
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0, AT_TIP);
        pipeline.process(List.of(record(3, 2_000, "Late,50,OK")), 0, AT_TIP);
        assertThat(sink.pending).hasSize(2);
        assertThat(sink.flushes.get(0).readings()).extracting(a -> a.reading().name()).containsExactly("A");
        assertThat(sink.flushes.get(1).readings()).extracting(a -> a.reading().name()).containsExactly("Late");

        sink.complete(0);
        // A is written, but B (open) was read before the late record: the checkpoint stops before B.
        assertThat(pipeline.process(List.of(), 0, AT_TIP).checkpoint()).contains(position(1));
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(thread.isAlive()).as("thread finished without waiting").isTrue();
            assertThat(System.nanoTime()).as("thread did not start waiting").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Writes complete only when the test says so. */
    static final class ManualSink implements WindowSink {
        // Written on the shard's thread, read on the test's.
        final List<WindowFlush> flushes = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        volatile boolean failAutomatically;

        @Override
        public CompletableFuture<Void> write(WindowFlush flush) {
            flushes.add(flush);
            CompletableFuture<Void> written = failAutomatically
                    ? CompletableFuture.failedFuture(new SinkException("drain deadline passed"))
                    : new CompletableFuture<>();
            pending.add(written);
            return written;
        }

        void complete(int index) {
            pending.get(index).complete(null);
        }
    }
}
