package io.streamwatch.consumer.window;

import java.util.List;
import java.util.Objects;

/**
 * A window that has closed and is ready to flush.
 *
 * @param sequence which of the shard's windows this is, in the order they were opened. It tells apart a
 *                 window and the one a late record reopens with the same bounds; {@link ShardWindows#release}
 *                 goes by it.
 * @param bounds   the window's time interval
 * @param entries  the buffered entries in processing (sequence) order. {@link ShardWindows} hands out an
 *                 unmodifiable view of its buffer rather than a copy: windows hold up to ~100,000 entries.
 *                 Nothing changes it after the window closes, so writer threads may read it.
 * @param flagged  how many of the entries were added flagged (anomalies)
 * @param <T>      the entry type
 */
public record ClosedWindow<T>(long sequence, WindowBounds bounds, List<T> entries, int flagged) {
    public ClosedWindow {
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(entries, "entries");
        if (flagged < 0 || flagged > entries.size()) {
            throw new IllegalArgumentException("flagged must be 0.." + entries.size() + ", got " + flagged);
        }
    }
}
