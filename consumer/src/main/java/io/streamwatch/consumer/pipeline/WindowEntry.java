package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.SensorReading;
import java.util.Objects;
import java.util.Optional;

/**
 * What a shard buffers for each record until its window flushes: a decoded reading or a rejection.
 * Each entry remembers the position processed just before it, which is the furthest checkpoint
 * allowed while this entry is still buffered.
 */
public sealed interface WindowEntry {

    RecordMeta meta();

    /** The position of the record processed before this one, empty for a shard's first record. */
    Optional<RecordPosition> predecessor();

    /** A record that decoded. */
    record Accepted(RecordMeta meta, SensorReading reading, Optional<RecordPosition> predecessor)
            implements WindowEntry {
        public Accepted {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(reading, "reading");
            Objects.requireNonNull(predecessor, "predecessor");
        }
    }

    /** A record that did not decode, kept with its raw bytes for the dead-letter table. */
    record Rejected(RecordMeta meta, byte[] payload, String reason, Optional<RecordPosition> predecessor)
            implements WindowEntry {
        public Rejected {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(predecessor, "predecessor");
        }
    }
}
