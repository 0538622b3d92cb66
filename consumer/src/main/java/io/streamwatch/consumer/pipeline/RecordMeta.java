package io.streamwatch.consumer.pipeline;

import java.util.Objects;

/**
 * Where a record came from: enough to build its idempotent item key and to checkpoint it.
 */
public record RecordMeta(String shardId, RecordPosition position, long arrivalMillis) {
    public RecordMeta {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(position, "position");
    }

    static RecordMeta of(InboundRecord record) {
        return new RecordMeta(record.shardId(), record.position(), record.arrivalMillis());
    }
}
