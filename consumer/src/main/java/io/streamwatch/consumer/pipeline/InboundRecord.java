package io.streamwatch.consumer.pipeline;

import java.util.Objects;

/**
 * A raw record as read from a shard, free of KCL types so the pipeline can also run over a file.
 *
 * @param shardId       the shard it was read from
 * @param position      its position in the shard
 * @param arrivalMillis Kinesis' approximate arrival timestamp, epoch milliseconds
 * @param payload       the raw bytes as the producer sent them
 */
public record InboundRecord(String shardId, RecordPosition position, long arrivalMillis, byte[] payload) {
    public InboundRecord {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(payload, "payload");
    }
}
