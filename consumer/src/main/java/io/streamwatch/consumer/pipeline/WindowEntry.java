package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.SensorReading;
import java.util.Objects;

/**
 * What a shard buffers for each record until its window flushes: a decoded reading or a rejection.
 * Kept to two references each: a window holds ~100,000 of them.
 */
public sealed interface WindowEntry {

    RecordMeta meta();

    /** A record that decoded. */
    record Accepted(RecordMeta meta, SensorReading reading) implements WindowEntry {
        public Accepted {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(reading, "reading");
        }
    }

    /** A record that did not decode, kept with its raw bytes for the dead-letter table. */
    record Rejected(RecordMeta meta, byte[] payload, String reason) implements WindowEntry {
        public Rejected {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
