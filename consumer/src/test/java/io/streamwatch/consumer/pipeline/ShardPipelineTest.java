package io.streamwatch.consumer.pipeline;

import static io.streamwatch.consumer.pipeline.TestShard.AT_TIP;
import static io.streamwatch.consumer.pipeline.TestShard.position;
import static io.streamwatch.consumer.pipeline.TestShard.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ShardPipelineTest {

    private final RecordingSink sink = new RecordingSink();
    private final ShardPipeline pipeline = TestShard.pipeline(sink, 4);

    @Test
    void checkpointsOnlyUpToTheLastRecordOfFlushedWindows() {
        BatchOutcome outcome = pipeline.process(List.of(
                record(1, 1_000, "A,50,OK"),
                record(2, 19_000, "B,150,FAIL"),
                record(3, 21_000, "C,101,WARN"),
                record(4, 22_500, "D,10,OK")), 0, AT_TIP);

        assertThat(outcome.flushed()).hasSize(1);
        WindowFlush flush = outcome.flushed().get(0).flush();
        assertThat(flush.readings()).extracting(a -> a.reading().name()).containsExactly("A", "B");
        assertThat(flush.anomalies()).extracting(a -> a.reading().name()).containsExactly("B");
        assertThat(outcome.checkpoint()).contains(position(2));
        assertThat(pipeline.bufferedRecords()).isEqualTo(2);
    }

    @Test
    void offersNoCheckpointWhileTheFirstRecordIsStillBuffered() {
        BatchOutcome outcome = pipeline.process(List.of(record(1, 1_000, "A,50,OK")), 0, AT_TIP);
        assertThat(outcome.flushed()).isEmpty();
        assertThat(outcome.checkpoint()).isEmpty();
    }

    @Test
    void anEmptyBatchAtTheTipClosesWindowsByTheClock() {
        pipeline.process(List.of(record(1, 1_000, "A,50,OK")), 1_000, AT_TIP);
        assertThat(pipeline.process(List.of(), 21_999, AT_TIP).flushed()).isEmpty();
        BatchOutcome outcome = pipeline.process(List.of(), 22_000, AT_TIP);
        assertThat(outcome.flushed()).hasSize(1);
        assertThat(outcome.checkpoint()).contains(position(1));
    }

    @Test
    void rejectedRecordsAreFlushedToTheDeadLetterListAndDoNotStopTheBatch() {
        BatchOutcome outcome = pipeline.process(List.of(
                record(1, 1_000, "A,50,OK"),
                record(2, 2_000, "garbage"),
                record(3, 3_000, "C,120,OK")), 0, AT_TIP);
        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(outcome.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("found 1");
            assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("garbage");
            assertThat(r.meta().position()).isEqualTo(position(2));
        });
        BatchOutcome flushed = pipeline.flushAll();
        assertThat(flushed.flushed().get(0).flush().rejected()).hasSize(1);
        assertThat(flushed.checkpoint()).contains(position(3));
    }

    @Test
    void aFailedWriteKeepsTheWindowBufferedChecksNothingPastItAndIsRetriedWithTheNextBatch() {
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 30_000, "B,50,OK")), 0, AT_TIP);
        // The first call flushed window [0,20s) successfully; make the next one fail.
        pipeline.checkpointed(position(1));
        sink.failNext = true;
        BatchOutcome failed = pipeline.process(List.of(record(3, 45_000, "C,50,OK")), 0, AT_TIP);
        assertThat(failed.failed()).singleElement().satisfies(f -> {
            assertThat(f.bounds().startMillis()).isEqualTo(20_000);
            assertThat(f.records()).isEqualTo(1);
            assertThat(f.cause()).hasMessage("simulated outage");
        });
        assertThat(failed.flushed()).isEmpty();
        assertThat(failed.checkpoint()).isEmpty();
        assertThat(pipeline.bufferedRecords()).isEqualTo(2);
        assertThat(pipeline.safeCheckpoint()).contains(position(1));

        BatchOutcome retried = pipeline.process(List.of(), 0, AT_TIP);
        assertThat(retried.flushed()).extracting(f -> f.flush().readings().get(0).reading().name()).containsExactly("B");
        assertThat(retried.failed()).isEmpty();
        assertThat(retried.checkpoint()).contains(position(2));
    }

    @Test
    void aSinkThatThrowsInsteadOfFailingItsFutureIsTreatedAsAFailedWrite() {
        ShardPipeline throwing = TestShard.pipeline(flush -> {
            throw new IllegalStateException("writer pool shut down");
        }, 4);
        BatchOutcome outcome = throwing.process(List.of(record(1, 1_000, "A,50,OK")), 30_000, AT_TIP);
        assertThat(outcome.failed()).singleElement()
                .satisfies(f -> assertThat(f.cause()).hasMessageContaining("writer pool shut down"));
        assertThat(throwing.bufferedRecords()).isEqualTo(1);
    }

    @Test
    void aLateRecordHoldsTheCheckpointBeforeTheEarliestBufferedRecord() {
        BatchOutcome first = pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0, AT_TIP);
        assertThat(first.checkpoint()).contains(position(1));
        pipeline.checkpointed(position(1));

        BatchOutcome late = pipeline.process(List.of(record(3, 2_000, "Late,50,OK")), 0, AT_TIP);
        // The late record reopens [0,20s) and closes at once (the watermark is past it), but B is still open.
        assertThat(late.flushed()).singleElement().satisfies(f -> {
            assertThat(f.flush().bounds().startMillis()).isZero();
            assertThat(f.flush().readings()).extracting(a -> a.reading().name()).containsExactly("Late");
        });
        assertThat(late.checkpoint()).isEmpty();
        assertThat(pipeline.safeCheckpoint()).contains(position(1));
    }

    @Test
    void doesNotOfferTheSameCheckpointTwice() {
        pipeline.process(List.of(record(1, 1_000, "A,50,OK")), 0, AT_TIP);
        BatchOutcome outcome = pipeline.process(List.of(), 30_000, AT_TIP);
        assertThat(outcome.checkpoint()).contains(position(1));
        pipeline.checkpointed(position(1));
        assertThat(pipeline.process(List.of(), 40_000, AT_TIP).checkpoint()).isEmpty();
    }

    @Test
    void discardDropsTheBufferWithoutWriting() {
        pipeline.process(List.of(record(1, 1_000, "A,50,OK")), 0, AT_TIP);
        pipeline.discard();
        assertThat(pipeline.bufferedRecords()).isZero();
        assertThat(pipeline.flushAll().flushed()).isEmpty();
        assertThat(sink.written).isEmpty();
    }

    @Test
    void whileCatchingUpWindowsCloseAtThePaceOfTheDataAndTheLastOneWhenTheTipIsReached() {
        OptionalLong behind = OptionalLong.of(60_000);
        BatchOutcome backlog = pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")),
                90_000, behind);
        assertThat(backlog.flushed()).extracting(f -> f.flush().readings().size()).containsExactly(1);
        // The batch that reaches the tip closes the backlog's last window by the clock, without waiting
        // for another (empty) poll.
        BatchOutcome tip = pipeline.process(List.of(record(3, 30_000, "C,50,OK")), 90_000, AT_TIP);
        assertThat(tip.flushed()).extracting(f -> f.flush().readings().size()).containsExactly(2);
        assertThat(tip.checkpoint()).contains(position(3));
    }

    @Test
    void hottestListsTheTwoHighestTemperaturesFirst() {
        pipeline.process(List.of(record(1, 1_000, "A,50,OK"), record(2, 2_000, "B,500,OK"),
                record(3, 3_000, "C,300,OK")), 0, AT_TIP);
        WindowFlush flush = pipeline.flushAll().flushed().get(0).flush();
        assertThat(flush.hottest(2)).extracting(a -> a.reading().name()).containsExactly("B", "C");
    }

    @Test
    void hottestKeepsTheEarliestAmongEqualTemperaturesOverColumnsAsOverAPlainList() {
        pipeline.process(List.of(record(1, 1_000, "A,300,OK"), record(2, 2_000, "B,500,OK"),
                record(3, 3_000, "C,300,OK"), record(4, 4_000, "D,500,OK"), record(5, 5_000, "E,400,OK")), 0, AT_TIP);
        WindowFlush columnar = pipeline.flushAll().flushed().get(0).flush();
        WindowFlush plain = new WindowFlush(columnar.shardId(), columnar.bounds(), List.copyOf(columnar.readings()),
                List.copyOf(columnar.anomalies()), columnar.rejected());

        for (WindowFlush flush : List.of(columnar, plain)) {
            assertThat(flush.hottest(3)).extracting(a -> a.reading().name()).containsExactly("B", "D", "E");
            assertThat(flush.hottest(5)).extracting(a -> a.reading().name()).containsExactly("B", "D", "E", "A", "C");
            assertThat(flush.hottest(9)).hasSize(5);
        }
    }

    @Test
    void aRejectedRecordInsideAWindowIsLeftOutOfItsReadingsAndAnomalies() {
        pipeline.process(List.of(record(1, 1_000, "A,150,OK"), record(2, 2_000, "B,oops,OK"),
                record(3, 3_000, "C,50,OK"), record(4, 4_000, "D,200,OK")), 0, AT_TIP);
        WindowFlush flush = pipeline.flushAll().flushed().get(0).flush();
        assertThat(flush.readings()).extracting(a -> a.reading().name()).containsExactly("A", "C", "D");
        assertThat(flush.anomalies()).extracting(a -> a.reading().name()).containsExactly("A", "D");
        assertThat(flush.rejected()).extracting(r -> r.meta().sequenceNumber()).containsExactly(position(2)
                .sequenceNumber());
    }

    /** Writes synchronously: the returned future is already complete. */
    @Test
    void aRecordWithoutAnArrivalTimeIsRejectedWithAReasonUnderTheSameKeyOnEveryReplay() {
        InboundRecord noArrival = record(1, RecordMeta.NO_ARRIVAL, "A,50,OK");

        BatchOutcome outcome = pipeline.process(List.of(noArrival, record(2, 25_000, "B,50,OK")), 25_000, AT_TIP);

        assertThat(outcome.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("no approximate arrival timestamp");
            assertThat(r.meta().arrivalMillis()).isEqualTo(RecordMeta.NO_ARRIVAL);
        });
        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(sink.written).singleElement().satisfies(f -> assertThat(f.rejected()).hasSize(1));
    }

    @Test
    void handleCheckpointsThroughThePortAndOffersARefusedPositionAgainWithTheNextCall() {
        List<RecordPosition> offered = new ArrayList<>();
        boolean[] accept = {false};
        Checkpointer checkpointer = position -> {
            offered.add(position);
            return accept[0];
        };

        BatchOutcome first = pipeline.handle(List.of(record(1, 1_000, "A,50,OK"), record(2, 25_000, "B,50,OK")), 0,
                AT_TIP, checkpointer);
        assertThat(first.checkpoint()).as("refused: nothing stored").isEmpty();
        assertThat(first.flushed()).hasSize(1);

        accept[0] = true;
        BatchOutcome second = pipeline.handle(List.of(), 0, AT_TIP, checkpointer);
        assertThat(second.checkpoint()).contains(position(1));
        pipeline.handle(List.of(), 0, AT_TIP, checkpointer);

        assertThat(offered).as("offered until stored, then not again").containsExactly(position(1), position(1));
        assertThat(second.backpressureWait()).isZero();
    }

    private static final class RecordingSink implements WindowSink {
        final List<WindowFlush> written = new ArrayList<>();
        boolean failNext;

        @Override
        public CompletableFuture<Void> write(WindowFlush flush) {
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new SinkException("simulated outage"));
            }
            written.add(flush);
            return CompletableFuture.completedFuture(null);
        }
    }

}
