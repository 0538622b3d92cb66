package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.window.WindowBounds;
import java.util.ArrayList;
import java.util.Collections;
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
        readings = readOnly(readings);
        anomalies = readOnly(anomalies);
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

    /** A columnar window's view is read-only already, and kept as it is so its columns stay readable. */
    private static List<WindowEntry.Accepted> readOnly(List<WindowEntry.Accepted> list) {
        return list instanceof ColumnarEntries.View ? list : Collections.unmodifiableList(list);
    }

    /**
     * One algorithm for both kinds of list: it compares by index, reading a columnar window's temperature
     * column (no entry rebuilt per reading) or each entry's reading, and rebuilds only the n it returns.
     */
    private static List<WindowEntry.Accepted> hottest(List<WindowEntry.Accepted> readings, int n) {
        if (n <= 0 || readings.isEmpty()) {
            return List.of();
        }
        IndexedTemperatures temperatures = readings instanceof ColumnarEntries.View view ? view
                : IndexedTemperatures.of(readings);
        // The top indexes, hottest first; a reading enters only if strictly hotter than the coolest kept, and
        // after those equal to it, so among equals the earliest stays ahead.
        int[] top = new int[Math.min(n, readings.size())];
        int kept = 0;
        for (int i = 0; i < readings.size(); i++) {
            if (kept == top.length && temperatures.compare(i, top[kept - 1]) <= 0) {
                continue;
            }
            int at = kept == top.length ? kept - 1 : kept++;
            while (at > 0 && temperatures.compare(i, top[at - 1]) > 0) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = i;
        }
        List<WindowEntry.Accepted> result = new ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            result.add(readings.get(top[k]));
        }
        return result;
    }

    /** Temperatures of a list of readings, compared by index. */
    interface IndexedTemperatures {

        /** Compares the temperatures of readings {@code i} and {@code j}, exactly. */
        int compare(int i, int j);

        static IndexedTemperatures of(List<WindowEntry.Accepted> readings) {
            return (i, j) -> readings.get(i).reading().compareTemperature(readings.get(j).reading());
        }
    }
}
