package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.window.WindowBounds;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one closed window writes: every reading to the dump table, the anomalies also to the
 * anomaly table, the rejected records to the dead-letter table.
 */
public record WindowFlush(
        String shardId,
        WindowBounds bounds,
        List<WindowEntry.Accepted> readings,
        List<WindowEntry.Accepted> anomalies,
        List<WindowEntry.Rejected> rejected) {

    public WindowFlush {
        readings = List.copyOf(readings);
        anomalies = List.copyOf(anomalies);
        rejected = List.copyOf(rejected);
    }

    /** The {@code n} hottest readings, hottest first (the original job's {@code show(2)}). */
    public List<WindowEntry.Accepted> hottest(int n) {
        return readings.stream()
                .sorted(Comparator.comparingInt((WindowEntry.Accepted a) -> a.reading().temperature()).reversed())
                .limit(n)
                .toList();
    }

    public int itemCount() {
        return readings.size() + anomalies.size() + rejected.size();
    }
}
