package io.streamwatch.consumer.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * How a shard's pipeline waits for its writes (backpressure, the memory budget, shard end, shutdown). It
 * beats while it waits, so a shard waiting on a slow or unreachable DynamoDB is known to be alive and not
 * stuck, and it waits no longer than a drain allows, even when the drain starts in the middle of the wait.
 *
 * <p>Called from the shard's thread only.
 */
public interface WaitPolicy {

    /** The longest a waiting pipeline goes without calling {@link #stillWaiting()}. */
    Duration BEAT = Duration.ofSeconds(1);

    /** Called at least every {@link #BEAT} while a call waits for writes. */
    void stillWaiting();

    /**
     * Empty while the worker runs (waits are unbounded: writes retry through throttling and outages); once
     * the worker drains, the time left for writes. Read again at every beat.
     */
    Optional<Duration> drainTimeLeft();

    /** Waits without a bound and beats to no one: a file replay, and the unit tests. */
    WaitPolicy UNBOUNDED = new WaitPolicy() {
        @Override
        public void stillWaiting() {
        }

        @Override
        public Optional<Duration> drainTimeLeft() {
            return Optional.empty();
        }
    };
}
