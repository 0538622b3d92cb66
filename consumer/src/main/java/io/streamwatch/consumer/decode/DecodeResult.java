package io.streamwatch.consumer.decode;

import java.util.Objects;

/**
 * The outcome of decoding one raw record: either a {@link Decoded} reading or a {@link Rejected}
 * record with a human-readable reason. Decoding never throws for bad input.
 */
public sealed interface DecodeResult {

    /** A record that decoded into a reading. */
    record Decoded(SensorReading reading) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(reading, "reading");
        }
    }

    /** A record that did not decode; {@code reason} says why, in words an operator can act on. */
    record Rejected(String reason) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
