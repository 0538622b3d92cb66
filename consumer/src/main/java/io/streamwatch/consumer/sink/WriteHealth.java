package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.status.FailureStreak;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Whether DynamoDB is taking the worker's writes, for {@code /health}: a table is failing when its requests
 * have failed for longer than {@code after} with none succeeding since. Each table is tracked on its own,
 * so writes to one table going through do not hide that another's keep failing. Fed by the writer threads
 * through {@link #watching}; thread-safe.
 */
public final class WriteHealth {

    private final LongSupplier nanoClock;
    private final Duration after;
    private final ConcurrentMap<String, FailureStreak> tables = new ConcurrentHashMap<>();

    public WriteHealth(LongSupplier nanoClock, Duration after) {
        this.nanoClock = nanoClock;
        this.after = after;
    }

    /** What is wrong, if some table's writes have been failing for longer than the threshold. */
    public Optional<String> problem() {
        Map<String, FailureStreak.Failing> failing = new TreeMap<>();
        tables.forEach((table, streak) -> streak.failing().ifPresent(f -> failing.put(table, f)));
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        long longest = failing.values().stream().mapToLong(f -> f.duration().toSeconds()).max().orElse(0);
        StringBuilder text = new StringBuilder("DynamoDB writes failing for ").append(longest).append(" s (");
        String separator = "";
        for (var entry : failing.entrySet()) {
            text.append(separator).append(entry.getKey()).append(": ").append(entry.getValue().lastFailure());
            separator = "; ";
        }
        return Optional.of(text.append("); retrying with backoff, nothing unwritten is checkpointed").toString());
    }

    /** {@code retries} and {@code written}, also telling this tracker about each failure and success. */
    public Listeners watching(RetryingBatchWriter.RetryListener retries, DynamoDbSink.WriteListener written) {
        RetryingBatchWriter.RetryListener watchedRetries = new RetryingBatchWriter.RetryListener() {
            @Override
            public void unprocessed(String table, int items) {
                retries.unprocessed(table, items);
            }

            @Override
            public void failedRequest(String table, RuntimeException failure) {
                streak(table).failed(WriteError.describe(failure));
                retries.failedRequest(table, failure);
            }

            @Override
            public void rejectedItem(String table) {
                retries.rejectedItem(table);
            }
        };
        DynamoDbSink.WriteListener watchedWritten = (table, items) -> {
            streak(table).succeeded();
            written.written(table, items);
        };
        return new Listeners(watchedRetries, watchedWritten);
    }

    private FailureStreak streak(String table) {
        return tables.computeIfAbsent(table, t -> new FailureStreak(nanoClock, after));
    }

    /** The two listeners the sink takes. */
    public record Listeners(RetryingBatchWriter.RetryListener retries, DynamoDbSink.WriteListener written) {
    }
}
