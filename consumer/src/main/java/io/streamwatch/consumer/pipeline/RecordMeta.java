package io.streamwatch.consumer.pipeline;

import java.util.Objects;

/**
 * Where a record came from: enough to build its idempotent item key and to checkpoint it. The position
 * is held as its two parts rather than a {@link RecordPosition}: one object per buffered record instead
 * of two (windows hold ~100,000 of them).
 *
 * @param shardId           the shard it was read from
 * @param sequenceNumber    its Kinesis sequence number
 * @param subSequenceNumber its sub-sequence number within a KPL aggregate, 0 otherwise
 * @param arrivalMillis     Kinesis' approximate arrival timestamp, epoch milliseconds
 */
public record RecordMeta(String shardId, String sequenceNumber, long subSequenceNumber, long arrivalMillis) {

    /**
     * The arrival time of a record Kinesis gave none: the epoch, the same on every replay (the local clock
     * would put the record in another window, under another key, each time). Such a record is rejected.
     */
    public static final long NO_ARRIVAL = 0;
    public RecordMeta {
        Objects.requireNonNull(shardId, "shardId");
        RecordPosition.requireValid(sequenceNumber, subSequenceNumber);
    }

    public RecordMeta(String shardId, RecordPosition position, long arrivalMillis) {
        this(shardId, position.sequenceNumber(), position.subSequenceNumber(), arrivalMillis);
    }

    /** The position to checkpoint for this record. */
    public RecordPosition position() {
        return new RecordPosition(sequenceNumber, subSequenceNumber);
    }
}
