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
        return new ShardPipeline(SHARD, new CsvRecordDecoder(),
                new TumblingWindowAssigner(Duration.ofSeconds(20)), Duration.ofSeconds(2), new AnomalyRule(100), sink,
                maxWindowsInFlight);
    }

    static InboundRecord record(int seq, long arrivalMillis, String payload) {
        return new InboundRecord(SHARD, position(seq), arrivalMillis, payload.getBytes(StandardCharsets.UTF_8));
    }

    static RecordPosition position(int seq) {
        return new RecordPosition(String.format("%056d", seq), 0);
    }
}
