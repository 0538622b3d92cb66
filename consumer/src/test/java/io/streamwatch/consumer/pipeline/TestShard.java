package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

/** One shard's records and pipeline as the pipeline tests build them: 20 s windows, 2 s grace, anomaly > 100. */
final class TestShard {

    static final String SHARD = "shardId-000000000000";
    /** What Kinesis reports for a batch that reaches the shard's tip. */
    static final OptionalLong AT_TIP = OptionalLong.of(0);

    private TestShard() {
    }

    static ShardPipeline pipeline(WindowSink sink, int maxWindowsInFlight) {
        return pipeline(sink, maxWindowsInFlight, MemoryBudget.unlimited(), WaitPolicy.UNBOUNDED);
    }

    static ShardPipeline pipeline(WindowSink sink, int maxWindowsInFlight, MemoryBudget budget, WaitPolicy waits) {
        return new ShardPipelines(CsvRecordDecoder::new, new TumblingWindowAssigner(Duration.ofSeconds(20)),
                Duration.ofSeconds(2), new AnomalyRule(100), sink, maxWindowsInFlight, budget).create(SHARD, waits);
    }

    /** A drain whose write deadline is {@code left} from now, and that counts its beats. */
    static final class Draining implements WaitPolicy {
        private final long deadlineNanos;
        final java.util.concurrent.atomic.AtomicInteger beats = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean started;

        Draining(Duration left, boolean started) {
            this.deadlineNanos = System.nanoTime() + left.toNanos();
            this.started = started;
        }

        @Override
        public void stillWaiting() {
            beats.incrementAndGet();
        }

        @Override
        public java.util.Optional<Duration> drainTimeLeft() {
            return started ? java.util.Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))
                    : java.util.Optional.empty();
        }
    }

    static InboundRecord record(int seq, long arrivalMillis, String payload) {
        return new InboundRecord(SHARD, position(seq), arrivalMillis, payload.getBytes(StandardCharsets.UTF_8));
    }

    static RecordPosition position(int seq) {
        return new RecordPosition(String.format("%056d", seq), 0);
    }
}
