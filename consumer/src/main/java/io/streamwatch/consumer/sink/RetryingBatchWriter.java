package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.pipeline.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a chunk of up to 25 items until every one is accepted: unprocessed items and failed requests
 * are retried with {@link BackoffPolicy} until the {@link RetryGate} says stop.
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

    public RetryingBatchWriter(BackoffPolicy backoff, Sleeper sleeper, RetryGate gate, RetryListener listener) {
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.gate = gate;
        this.listener = listener;
    }

    /**
     * Writes {@code items} (at most {@link #MAX_BATCH}) through {@code call}.
     *
     * @param table used in messages and metrics
     * @throws SinkException when the gate stops the retries; some items may then be unwritten
     */
    public void writeChunk(String table, List<T> items, BatchWriteCall<T> call) throws SinkException {
        if (items.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a batch write takes at most " + MAX_BATCH + " items, got " + items.size());
        }
        List<T> pending = new ArrayList<>(items);
        int attempt = 0;
        RuntimeException lastFailure = null;
        while (!pending.isEmpty()) {
            if (attempt > 0) {
                var stop = gate.stopReason();
                if (stop.isPresent()) {
                    throw new SinkException("gave up writing " + pending.size() + " items to " + table
                            + " after " + attempt + " attempts: " + stop.get(), lastFailure);
                }
                Duration delay = backoff.delayBefore(attempt);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SinkException("interrupted while retrying writes to " + table, e);
                }
            }
            attempt++;
            try {
                List<T> unprocessed = call.write(pending);
                if (!unprocessed.isEmpty()) {
                    listener.unprocessed(table, unprocessed.size());
                }
                pending = new ArrayList<>(unprocessed);
            } catch (RuntimeException e) {
                lastFailure = e;
                listener.failedRequest(table, e);
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warn("Batch write to {} failed (attempt {}), retrying with backoff: {}", table, attempt,
                            e.toString());
                }
            }
        }
    }

    /** Receives retry events, for metrics. */
    public interface RetryListener {
        void unprocessed(String table, int items);

        void failedRequest(String table, RuntimeException failure);

        RetryListener NONE = new RetryListener() {
            @Override
            public void unprocessed(String table, int items) {
            }

            @Override
            public void failedRequest(String table, RuntimeException failure) {
            }
        };
    }
}
