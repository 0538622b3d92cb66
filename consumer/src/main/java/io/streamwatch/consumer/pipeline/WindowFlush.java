package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.window.WindowBounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.List;

/**
 * Everything one closed window writes: every reading to the dump table, the anomalies also to the
 * anomaly table, the rejected records to the dead-letter table.
 *
 * <p>The lists are taken over, not copied (a window holds ~100,000 readings): the caller must not change
 * them afterwards. Readers get unmodifiable views.
 */
public record WindowFlush(
        String shardId,
        WindowBounds bounds,
        List<WindowEntry.Accepted> readings,
        List<WindowEntry.Accepted> anomalies,
        List<WindowEntry.Rejected> rejected) {

    public WindowFlush {
        readings = Collections.unmodifiableList(readings);
        anomalies = Collections.unmodifiableList(anomalies);
        rejected = Collections.unmodifiableList(rejected);
    }

    /**
     * The {@code n} hottest readings, hottest first, earliest first among equals (the original job's
     * {@code show(2)}). One pass with a bounded heap: windows hold ~100,000 readings, n is small.
     */
    public List<WindowEntry.Accepted> hottest(int n) {
        return hottest(readings, n);
    }

    /** The {@code n} hottest anomalies, hottest first. */
    public List<WindowEntry.Accepted> hottestAnomalies(int n) {
        return hottest(anomalies, n);
    }

    private static List<WindowEntry.Accepted> hottest(List<WindowEntry.Accepted> readings, int n) {
        if (n <= 0) {
            return List.of();
        }
        Comparator<WindowEntry.Accepted> coolestFirst = (a, b) -> a.reading().compareTemperature(b.reading());
        PriorityQueue<WindowEntry.Accepted> top = new PriorityQueue<>(n + 1, coolestFirst);
        for (WindowEntry.Accepted reading : readings) {
            if (top.size() < n) {
                top.add(reading);
            } else if (coolestFirst.compare(reading, top.peek()) > 0) {
                top.poll();
                top.add(reading);
            }
        }
        List<WindowEntry.Accepted> result = new ArrayList<>(top);
        result.sort(coolestFirst.reversed());
        return result;
    }
}
