package io.streamwatch.consumer.sink;

import java.util.List;

/**
 * One batch-write request for at most 25 items of one table.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface BatchWriteCall<T> {

    /**
     * Sends the items and returns those the service did not process (throttled or over capacity).
     *
     * @throws RuntimeException for a failed request (throttling past the SDK's own retries, outage)
     */
    List<T> write(List<T> items);
}
