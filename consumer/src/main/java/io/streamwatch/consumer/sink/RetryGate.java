package io.streamwatch.consumer.sink;

/**
 * Tells a retry loop whether to keep going. Writes retry through throttling and outages for as long as
 * it takes (a shard whose windows are not written stops reading once it has its maximum in flight: that
 * is the backpressure that keeps memory bounded); they stop only when the worker is shutting down past
 * its drain deadline.
 */
@FunctionalInterface
public interface RetryGate {

    /** Empty when retrying may go on; otherwise why it must stop. */
    java.util.Optional<String> stopReason();

    /** How long retrying may still go on, when that is bounded; waits between retries are capped at it. */
    default java.util.Optional<java.time.Duration> timeLeft() {
        return java.util.Optional.empty();
    }

    RetryGate FOREVER = java.util.Optional::empty;
}
