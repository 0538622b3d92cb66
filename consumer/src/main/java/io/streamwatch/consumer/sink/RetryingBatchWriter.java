package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.pipeline.SinkException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a chunk of up to 25 items until every one is stored or dead-lettered, by what each failure
 * means ({@link WriteError}):
 * <ul>
 *   <li>retryable failures and unprocessed items are retried with {@link BackoffPolicy} until the
 *       {@link RetryGate} says stop (the drain deadline), each wait capped at the time it leaves;</li>
 *   <li>a rejected request is split in halves until the item the service refuses is alone, as Lambda's
 *       BisectBatchOnFunctionError does; that item goes to the {@link DeadLetter} with the service's
 *       reason and the others are written;</li>
 *   <li>a table fault is retried for {@code tableFaultPatience} (IAM and new tables take a while to
 *       propagate), then fails the chunk with a {@link TableFaultException}.</li>
 * </ul>
 * Thread-safe: it holds no state between calls, and many writer threads share one instance.
 *
 * @param <T> the item type
 */
public final class RetryingBatchWriter<T> {

    /** DynamoDB's BatchWriteItem limit. */
    public static final int MAX_BATCH = 25;

    private static final Logger LOG = LoggerFactory.getLogger(RetryingBatchWriter.class);

    private final BackoffPolicy backoff;
    private final Sleeper sleeper;
    private final RetryGate gate;
    private final RetryListener listener;
    private final Duration tableFaultPatience;
    private final LongSupplier nanoClock;

    public RetryingBatchWriter(BackoffPolicy backoff, Sleeper sleeper, RetryGate gate, RetryListener listener,
                               Duration tableFaultPatience, LongSupplier nanoClock) {
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.gate = gate;
        this.listener = listener;
        this.tableFaultPatience = tableFaultPatience;
        this.nanoClock = nanoClock;
    }

    /** Where an item the service rejects for good goes, with the reason. */
    @FunctionalInterface
    public interface DeadLetter<T> {
        /** @throws SinkException if the item could not be kept anywhere; the chunk then fails */
        void accept(T item, String table, String reason) throws SinkException;
    }

    /**
     * Writes {@code items} (at most {@link #MAX_BATCH}) through {@code call}.
     *
     * @param table      used in messages and metrics
     * @param deadLetter receives each item the service rejects for good
     * @param cancelled  true once nobody waits for the chunk (its shard's lease was lost): stop retrying
     * @throws TableFaultException when the table stays unwritable for longer than the patience
     * @throws SinkException       when the gate stops the retries or the chunk is cancelled; some items may
     *                             then be unwritten
     */
    public void writeChunk(String table, List<T> items, BatchWriteCall<T> call, DeadLetter<T> deadLetter,
                           BooleanSupplier cancelled) throws SinkException {
        if (items.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch write takes at most " + MAX_BATCH + " items, got " + items.size());
        }
        Deque<List<T>> parts = new ArrayDeque<>();
        parts.push(items);
        while (!parts.isEmpty()) {
            Optional<Rejection<T>> rejection = writeUntilDone(table, parts.pop(), call, cancelled);
            if (rejection.isEmpty()) {
                continue;
            }
            List<T> refused = rejection.get().items();
            if (refused.size() == 1) {
                listener.rejectedItem(table);
                deadLetter.accept(refused.get(0), table, WriteError.describe(rejection.get().cause()));
            } else {
                int half = refused.size() / 2;
                parts.push(List.copyOf(refused.subList(half, refused.size())));
                parts.push(List.copyOf(refused.subList(0, half)));
            }
        }
    }

    /** Retries {@code items} until all are written; empty then, or the items a rejected request held. */
    private Optional<Rejection<T>> writeUntilDone(String table, List<T> items, BatchWriteCall<T> call,
                                                  BooleanSupplier cancelled) throws SinkException {
        List<T> pending = new ArrayList<>(items);
        int attempt = 0;
        long firstTableFault = 0;
        RuntimeException lastFailure = null;
        while (!pending.isEmpty()) {
            // No request starts once nobody waits for it or past the drain's write deadline, the first
            // attempt included: a chunk queued behind others would otherwise send its request after it.
            stopIfAsked(table, pending.size(), attempt, lastFailure, cancelled);
            if (attempt > 0) {
                pauseBeforeRetry(table, attempt);
            }
            attempt++;
            try {
                List<T> unprocessed = call.write(pending);
                if (!unprocessed.isEmpty()) {
                    listener.unprocessed(table, unprocessed.size());
                }
                pending = new ArrayList<>(unprocessed);
                continue;
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            WriteError kind = WriteError.of(lastFailure);
            if (kind == WriteError.ITEM_REJECTED) {
                return Optional.of(new Rejection<>(pending, lastFailure));
            }
            listener.failedRequest(table, lastFailure);
            if (kind == WriteError.TABLE_FAULT) {
                long now = nanoClock.getAsLong();
                if (firstTableFault == 0) {
                    firstTableFault = now;
                } else if (now - firstTableFault >= tableFaultPatience.toNanos()) {
                    throw new TableFaultException(table, WriteError.describe(lastFailure), lastFailure);
                }
            }
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warn("Batch write to {} failed (attempt {}), retrying with backoff: {}", table, attempt,
                        WriteError.describe(lastFailure));
            }
        }
        return Optional.empty();
    }

    private void stopIfAsked(String table, int pending, int attempt, RuntimeException lastFailure,
                             BooleanSupplier cancelled) throws SinkException {
        if (cancelled.getAsBoolean()) {
            throw new SinkException("stopped writing " + pending + " items to " + table
                    + ": the shard's lease was lost, its next owner writes them");
        }
        Optional<String> stop = gate.stopReason();
        if (stop.isPresent()) {
            throw new SinkException((attempt == 0 ? "did not start writing " + pending + " items to " + table
                    : "gave up writing " + pending + " items to " + table + " after " + attempt + " attempts")
                    + ": " + stop.get(), lastFailure);
        }
    }

    private void pauseBeforeRetry(String table, int attempt) throws SinkException {
        Duration delay = backoff.delayBefore(attempt);
        Optional<Duration> left = gate.timeLeft();
        if (left.isPresent() && left.get().compareTo(delay) < 0) {
            delay = left.get();
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while retrying writes to " + table, e);
        }
    }

    private record Rejection<T>(List<T> items, RuntimeException cause) {
    }

    /** Receives retry events, for metrics. */
    public interface RetryListener {
        void unprocessed(String table, int items);

        void failedRequest(String table, RuntimeException failure);

        /** One item the service rejected for good, now on its way to the dead-letter table. */
        void rejectedItem(String table);

        RetryListener NONE = new RetryListener() {
            @Override
            public void unprocessed(String table, int items) {
            }

            @Override
            public void failedRequest(String table, RuntimeException failure) {
            }

            @Override
            public void rejectedItem(String table) {
            }
        };
    }
}
