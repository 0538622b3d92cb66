package io.streamwatch.consumer.window;

import java.time.Instant;

/**
 * A half-open time interval {@code [startMillis, endMillis)} in epoch milliseconds.
 */
public record WindowBounds(long startMillis, long endMillis) {
    public WindowBounds {
        if (endMillis <= startMillis) {
            throw new IllegalArgumentException("window end must be after its start");
        }
    }

    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    public Instant end() {
        return Instant.ofEpochMilli(endMillis);
    }

    @Override
    public String toString() {
        return start() + "–" + end();
    }
}
