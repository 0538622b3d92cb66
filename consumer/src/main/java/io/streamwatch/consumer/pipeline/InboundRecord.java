package io.streamwatch.consumer.pipeline;

import java.util.Objects;

/**
 * A raw record as read from a shard, free of KCL types so the pipeline can also run over a file.
 *
 * @param meta    where it came from: shard, position and Kinesis' approximate arrival time. The buffered
 *                entry shares this object rather than copying it.
 * @param payload the raw bytes as the producer sent them
 */
public record InboundRecord(RecordMeta meta, byte[] payload) {
    public InboundRecord {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * @param shardId       the shard it was read from
     * @param position      its position in the shard
     * @param arrivalMillis Kinesis' approximate arrival timestamp, epoch milliseconds
     * @param payload       the raw bytes
     */
    public InboundRecord(String shardId, RecordPosition position, long arrivalMillis, byte[] payload) {
        this(new RecordMeta(shardId, position, arrivalMillis), payload);
    }
}
