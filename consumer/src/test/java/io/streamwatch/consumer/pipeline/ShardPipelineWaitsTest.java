package io.streamwatch.consumer.pipeline;

import static io.streamwatch.consumer.pipeline.TestShard.AT_TIP;
import static io.streamwatch.consumer.pipeline.TestShard.position;
import static io.streamwatch.consumer.pipeline.TestShard.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * How a shard waits for its writes: it beats while it waits, it stops waiting for backpressure once a drain
 * starts (so the KCL can deliver the shutdown), and past the worker's memory budget it writes what it holds
 * and waits for it instead of buffering on.
 */
class ShardPipelineWaitsTest {

    private final ShardPipelineOverlappedWritesTest.ManualSink sink = new ShardPipelineOverlappedWritesTest.ManualSink();

    @Test
    void aShardWaitingOnBackpressureBeatsEverySecondAndReturnsWhenTheDrainStarts() throws Exception {
        TestShard.Draining waits = new TestShard.Draining(Duration.ofMinutes(1), false);
        ShardPipeline pipeline = TestShard.pipeline(sink, 1, MemoryBudget.unlimited(), waits);
        AtomicReference<BatchOutcome> outcome = new AtomicReference<>();
        Thread shard = new Thread(() -> outcome.set(pipeline.handle(List.of(record(1, 1_000, "A,50,OK"),
                record(2, 21_000, "B,50,OK"), record(3, 41_000, "C,50,OK"), record(4, 61_000, "D,50,OK")), 0, AT_TIP,
                Checkpointer.NONE)));
        shard.start();

        Thread.sleep(2_500);
        assertThat(shard.isAlive()).as("waiting for the first of two windows in flight (limit 1)").isTrue();
        assertThat(waits.beats.get()).isGreaterThanOrEqualTo(2);

        waits.started = true; // SIGTERM: the KCL needs processRecords back to call shutdownRequested
        shard.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(shard.isAlive()).isFalse();
        assertThat(outcome.get().flushed()).isEmpty();
        assertThat(pipeline.windowsInFlight()).isEqualTo(2);
    }

    @Test
    void aShardEndFlushThatStartedBeforeTheDrainIsBoundedByItOnceItStarts() throws Exception {
        TestShard.Draining waits = new TestShard.Draining(Duration.ofMillis(300), false);
        ShardPipeline pipeline = TestShard.pipeline(sink, 4, MemoryBudget.unlimited(), waits);
        pipeline.process(List.of(record(1, 1_000, "A,50,OK")), 0, AT_TIP);
        AtomicReference<BatchOutcome> outcome = new AtomicReference<>();
        Thread shardEnd = new Thread(() -> outcome.set(pipeline.drain(Checkpointer.NONE)));
        shardEnd.start();

        Thread.sleep(1_500);
        assertThat(shardEnd.isAlive()).as("no drain yet: a shard end waits for its writes").isTrue();
        waits.started = true; // its deadline (300 ms from the start of the test) has passed
        shardEnd.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(shardEnd.isAlive()).isFalse();
        assertThat(outcome.get().failed()).singleElement()
                .satisfies(f -> assertThat(f.cause()).hasMessageContaining("write deadline"));
        assertThat(pipeline.bufferedRecords()).isEqualTo(1);
    }

    @Test
    void pastTheMemoryBudgetWithNothingBeingWrittenTheOldestOpenWindowIsWrittenEarlyAndWaitedFor() throws Exception {
        MemoryBudget budget = new MemoryBudget(100_000); // less than one chunk of columns
        TestShard.Draining waits = new TestShard.Draining(Duration.ofMinutes(1), false);
        ShardPipeline pipeline = TestShard.pipeline(sink, 4, budget, waits);
        AtomicReference<BatchOutcome> outcome = new AtomicReference<>();
        Thread shard = new Thread(() -> outcome.set(pipeline.handle(List.of(record(1, 1_000, "A,50,OK"),
                record(2, 2_000, "B,150,OK")), 0, AT_TIP, position -> true)));
        shard.start();

        awaitPending(1);
        assertThat(budget.exceeded()).isTrue();
        assertThat(pipeline.bufferedBytes()).isEqualTo(budget.usedBytes()).isGreaterThan(100_000);
        assertThat(sink.flushes.get(0).readings()).extracting(a -> a.reading().name()).containsExactly("A", "B");
        assertThat(shard.isAlive()).as("waits for the early window instead of reading on").isTrue();

        sink.complete(0);
        shard.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(shard.isAlive()).isFalse();
        assertThat(outcome.get().checkpoint()).contains(position(2));
        assertThat(budget.usedBytes()).isZero();
        assertThat(budget.exceeded()).isFalse();

        // A later record of the same 20 s window is written on its own, with the same bounds: the same items.
        Thread next = new Thread(() -> pipeline.handle(List.of(record(3, 3_000, "C,50,OK")), 0, AT_TIP,
                position -> true));
        next.start();
        awaitPending(2);
        assertThat(sink.flushes.get(1).bounds()).isEqualTo(sink.flushes.get(0).bounds());
        sink.complete(1);
        next.join(TimeUnit.SECONDS.toMillis(5));
        assertThat(next.isAlive()).isFalse();
    }

    @Test
    void overTheBudgetWithNothingOfItsOwnToWriteAShardReadsOn() {
        MemoryBudget budget = new MemoryBudget(1);
        budget.add(10); // another shard's
        ShardPipeline pipeline = TestShard.pipeline(sink, 4, budget, WaitPolicy.UNBOUNDED);

        BatchOutcome outcome = pipeline.handle(List.of(), 0, AT_TIP, Checkpointer.NONE);

        assertThat(outcome.backpressureWait()).isLessThan(Duration.ofSeconds(1));
        assertThat(sink.pending).isEmpty();
    }

    private void awaitPending(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.pending.size() < count) {
            assertThat(System.nanoTime()).as("a write started").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
