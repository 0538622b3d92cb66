package io.streamwatch.consumer.decode;

import java.util.Objects;

/**
 * The outcome of decoding one raw record: either the {@link SensorReading} itself or a {@link Rejected}
 * record with a human-readable reason. Decoding never throws for bad input. (The reading is the result,
 * rather than being wrapped in one, to keep the per-record path to a single allocation.)
 */
public sealed interface DecodeResult permits SensorReading, DecodeResult.Rejected {

    /** A record that did not decode; {@code reason} says why, in words an operator can act on. */
    record Rejected(String reason) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
