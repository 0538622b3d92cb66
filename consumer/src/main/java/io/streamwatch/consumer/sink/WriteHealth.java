package io.streamwatch.consumer.sink;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Whether DynamoDB is taking the worker's writes, for {@code /health}: failing when requests have failed
 * for longer than {@code after} with none succeeding since. Fed by the writer threads through
 * {@link #watching}; thread-safe.
 */
public final class WriteHealth {

    private final LongSupplier nanoClock;
    private final Duration after;
    /** When the current run of failures began; 0 while the last request succeeded. */
    private final AtomicLong failingSince = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    public WriteHealth(LongSupplier nanoClock, Duration after) {
        this.nanoClock = nanoClock;
        this.after = after;
    }

    /** What is wrong, if writes have been failing for longer than the threshold. */
    public Optional<String> problem() {
        long since = failingSince.get();
        if (since == 0) {
            return Optional.empty();
        }
        long failingFor = nanoClock.getAsLong() - since;
        if (failingFor < after.toNanos()) {
            return Optional.empty();
        }
        return Optional.of("DynamoDB writes failing for " + Duration.ofNanos(failingFor).toSeconds() + " s ("
                + lastFailure.get() + "); retrying with backoff, nothing unwritten is checkpointed");
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
                lastFailure.set(table + ": " + WriteError.describe(failure));
                failingSince.compareAndSet(0, Math.max(1, nanoClock.getAsLong()));
                retries.failedRequest(table, failure);
            }

            @Override
            public void rejectedItem(String table) {
                retries.rejectedItem(table);
            }
        };
        DynamoDbSink.WriteListener watchedWritten = (table, items) -> {
            failingSince.set(0);
            written.written(table, items);
        };
        return new Listeners(watchedRetries, watchedWritten);
    }

    /** The two listeners the sink takes. */
    public record Listeners(RetryingBatchWriter.RetryListener retries, DynamoDbSink.WriteListener written) {
    }
}
