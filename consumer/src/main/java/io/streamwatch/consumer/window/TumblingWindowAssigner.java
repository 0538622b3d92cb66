package io.streamwatch.consumer.window;

import java.time.Duration;

/**
 * Maps a timestamp to its tumbling window. Windows are aligned to the Unix epoch, so every worker,
 * every restart and every replay computes the same window for the same record: the window is a pure
 * function of the record's Kinesis arrival timestamp.
 */
public final class TumblingWindowAssigner {

    private final long lengthMillis;

    public TumblingWindowAssigner(Duration length) {
        if (length.toMillis() <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + length);
        }
        this.lengthMillis = length.toMillis();
    }

    public WindowBounds windowOf(long timestampMillis) {
        long start = Math.floorDiv(timestampMillis, lengthMillis) * lengthMillis;
        return new WindowBounds(start, start + lengthMillis);
    }

    public long lengthMillis() {
        return lengthMillis;
    }
}
