package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.pipeline.RecordMeta;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds the item keys that make writes idempotent: each Kinesis record maps to exactly one key, so a
 * replayed window overwrites the items it wrote before instead of adding new ones.
 */
public final class ItemKeys {

    /** Fixed-width UTC timestamps with milliseconds, so sort keys order by time as strings. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ItemKeys() {
    }

    /**
     * The sort key {@code <arrival time>#<shard id>#<sequence number>#<sub-sequence number>}: unique per
     * record (sequence numbers are unique within a shard), and ordered by arrival time within a name.
     */
    public static String eventKey(RecordMeta meta) {
        return timestamp(meta.arrivalMillis()) + '#' + meta.shardId() + '#' + meta.sequenceNumber()
                + '#' + String.format("%010d", meta.subSequenceNumber());
    }

    public static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }
}
