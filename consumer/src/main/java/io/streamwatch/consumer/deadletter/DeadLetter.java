package io.streamwatch.consumer.deadletter;

import java.util.Objects;
import java.util.Optional;

/**
 * A record kept in the dead-letter table, as replay reads it: where it came from, its raw bytes and why it
 * was rejected. Times are the stored ISO-8601 instants.
 *
 * @param payload    the raw bytes; empty for an empty record
 * @param truncated  true when only the first 64 KiB were kept (such a record cannot be replayed)
 * @param replayedAt when an earlier replay stored it, if one did
 */
public record DeadLetter(String shardId, String eventKey, String sequenceNumber, long subSequenceNumber,
                         String arrivalTime, String windowStart, String windowEnd, byte[] payload, boolean truncated,
                         String reason, Optional<String> replayedAt) {
    public DeadLetter {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(arrivalTime, "arrivalTime");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(replayedAt, "replayedAt");
    }
}
