package io.streamwatch.consumer.pipeline;

import java.util.Objects;

/**
 * Where a record sits in its shard: the Kinesis sequence number and, for records de-aggregated from a
 * KPL aggregate, the sub-sequence number (0 otherwise). This is what gets checkpointed.
 */
public record RecordPosition(String sequenceNumber, long subSequenceNumber) {
    public RecordPosition {
        requireValid(sequenceNumber, subSequenceNumber);
    }

    static void requireValid(String sequenceNumber, long subSequenceNumber) {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        if (sequenceNumber.isEmpty()) {
            throw new IllegalArgumentException("sequence number must not be empty");
        }
        if (subSequenceNumber < 0) {
            throw new IllegalArgumentException("sub-sequence number must not be negative");
        }
    }

    @Override
    public String toString() {
        return subSequenceNumber == 0 ? sequenceNumber : sequenceNumber + "/" + subSequenceNumber;
    }
}
