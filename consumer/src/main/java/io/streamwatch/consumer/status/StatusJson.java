package io.streamwatch.consumer.status;

import io.streamwatch.consumer.window.ShardWindows;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /status.json}: a {@link WorkerStatus.Snapshot} as JSON, written by hand (a dozen fields do not
 * justify a JSON library in the service jar). Times are ISO-8601 instants; absent values are null.
 */
public final class StatusJson {

    private StatusJson() {
    }

    public static String render(WorkerStatus.Snapshot s) {
        StringBuilder out = new StringBuilder(2048);
        out.append("{\"worker\":{");
        field(out, "id", s.workerId()).append(',');
        field(out, "startedAt", time(s.startedMillis())).append(',');
        out.append("\"uptimeSeconds\":").append((s.nowMillis() - s.startedMillis()) / 1000).append(',');
        field(out, "scheduler", s.schedulerState()).append(',');
        field(out, "now", time(s.nowMillis())).append(',');
        field(out, "health", s.health().status()).append(",\"healthReasons\":[");
        boolean firstReason = true;
        for (String reason : s.health().reasons()) {
            out.append(firstReason ? "" : ",");
            string(out, reason);
            firstReason = false;
        }
        out.append("],\"bufferedBytes\":").append(s.health().bufferedBytes());
        out.append(",\"memoryBudgetBytes\":").append(s.health().memoryBudgetBytes());
        out.append("},\"shards\":[");
        boolean first = true;
        for (WorkerStatus.ShardView shard : s.shards()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            shard(out, shard);
        }
        out.append("],\"rejectionReasons\":{");
        first = true;
        for (Map.Entry<String, Long> reason : s.rejectionReasons().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, reason.getKey()).append(':').append(reason.getValue());
        }
        out.append("},\"hottestAnomalies\":[");
        first = true;
        for (WorkerStatus.Anomaly a : s.hottestAnomalies()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('{');
            field(out, "shard", a.shardId()).append(',');
            field(out, "name", a.name()).append(',');
            out.append("\"temperature\":").append(a.temperature().toPlainString()).append(',');
            field(out, "status", a.status()).append(',');
            field(out, "seenAt", time(a.seenMillis()));
            out.append('}');
        }
        return out.append("]}").toString();
    }

    private static void shard(StringBuilder out, WorkerStatus.ShardView shard) {
        out.append('{');
        field(out, "shardId", shard.shardId()).append(',');
        field(out, "leaseOwner", shard.leaseOwner()).append(',');
        field(out, "since", time(shard.startedMillis())).append(',');
        field(out, "startedAt", shard.startingAt()).append(',');
        out.append("\"lastCheckpoint\":");
        optional(out, shard.lastCheckpoint(), c -> {
            out.append('{');
            field(out, "position", c.position()).append(',');
            field(out, "at", time(c.atMillis())).append('}');
        });
        out.append(",\"watermark\":");
        if (shard.state().watermarkMillis() == Long.MIN_VALUE) {
            out.append("null");
        } else {
            string(out, time(shard.state().watermarkMillis()));
        }
        out.append(",\"openWindows\":[");
        boolean first = true;
        for (ShardWindows.OpenWindowSummary w : shard.state().openWindows()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('{');
            field(out, "start", time(w.bounds().startMillis())).append(',');
            field(out, "end", time(w.bounds().endMillis())).append(',');
            out.append("\"records\":").append(w.entries()).append(",\"anomalies\":").append(w.flagged()).append('}');
        }
        out.append("],\"windowsBeingWritten\":").append(shard.state().windowsBeingWritten());
        out.append(",\"bufferedRecords\":").append(shard.state().bufferedRecords());
        out.append(",\"bufferedBytes\":").append(shard.state().bufferedBytes());
        out.append(',');
        field(out, "lastBatchAt", time(shard.lastBatchMillis()));
        out.append(",\"lastFlush\":");
        optional(out, shard.lastFlush(), f -> {
            out.append('{');
            field(out, "start", time(f.window().startMillis())).append(',');
            field(out, "end", time(f.window().endMillis())).append(',');
            out.append("\"records\":").append(f.records()).append(",\"anomalies\":").append(f.anomalies()).append(',');
            field(out, "at", time(f.atMillis())).append('}');
        });
        out.append(",\"millisBehindLatest\":");
        optional(out, shard.millisBehindLatest(), out::append);
        out.append(",\"recordsReceived\":").append(shard.received());
        out.append(",\"recordsPerSecond\":[");
        double[] rates = shard.recordsPerSecond();
        for (int i = 0; i < rates.length; i++) {
            out.append(i == 0 ? "" : ",").append(Math.round(rates[i] * 10) / 10.0);
        }
        out.append("],\"recordsPerSecondBucketSeconds\":").append(RateHistory.BUCKET_MILLIS / 1000).append('}');
    }

    private static <T> void optional(StringBuilder out, Optional<T> value, java.util.function.Consumer<T> write) {
        if (value.isEmpty()) {
            out.append("null");
        } else {
            write.accept(value.get());
        }
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        string(out, name).append(':');
        return value == null ? out.append("null") : string(out, value);
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<') {
                        out.append(String.format("\\u%04x", (int) c)); // '<': never "</script>" in a page
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
