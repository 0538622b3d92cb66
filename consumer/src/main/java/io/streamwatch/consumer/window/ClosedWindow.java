package io.streamwatch.consumer.window;

import java.util.List;
import java.util.Objects;

/**
 * A window that has closed and is ready to flush.
 *
 * @param bounds  the window's time interval
 * @param entries the buffered entries in processing (sequence) order. {@link ShardWindows} hands out an
 *                unmodifiable view of its buffer rather than a copy: windows hold ~100,000 entries and are
 *                flushed right away. The view fails fast if the window changes before it is released.
 * @param <T>     the entry type
 */
public record ClosedWindow<T>(WindowBounds bounds, List<T> entries) {
    public ClosedWindow {
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(entries, "entries");
    }
}
