package io.streamwatch.consumer.window;

import java.util.List;

/**
 * A window that has closed and is ready to flush.
 *
 * @param bounds  the window's time interval
 * @param entries the buffered entries in processing (sequence) order
 * @param <T>     the entry type
 */
public record ClosedWindow<T>(WindowBounds bounds, List<T> entries) {
    public ClosedWindow {
        entries = List.copyOf(entries);
    }
}
