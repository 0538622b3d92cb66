package io.streamwatch.consumer.kcl;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Decides when a graceful shutdown has drained, instead of trusting the KCL's own future alone.
 *
 * <p>KCL 2.x's {@code startGracefulShutdown()} completes only when every lease the worker holds has
 * confirmed, and a SHARD_END lease (kept for minutes after a reshard) never does (upstream
 * amazon-kinesis-client issue #1251, fixed in 3.x only). During the scheduler's initialisation it cannot
 * complete either. So the drain is over when the KCL says so, or when every processor this worker started
 * has returned from {@code shutdownRequested}, {@code shardEnded} or {@code leaseLost}: each of those
 * flushes or drops its buffer and checkpoints what it wrote before it returns, so nothing is left to do.
 *
 * <p>Not thread-safe; called once, from the thread that handles the stop.
 */
final class DrainWait {

    /** How the wait ended. */
    enum Result {
        /** The KCL's graceful shutdown completed. */
        KCL_COMPLETED,
        /** Every processor returned (or none had started); the KCL's future may never complete. */
        PROCESSORS_RETURNED,
        /** The deadline passed with processors still flushing. */
        TIMED_OUT
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private final LongSupplier nanoClock;

    DrainWait(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Waits until {@code graceful} is done or {@code liveProcessors} reads 0, at most until {@code deadlineNanos}
     * (on {@link #nanoClock}'s scale).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    Result await(Future<?> graceful, IntSupplier liveProcessors, long deadlineNanos) throws InterruptedException {
        while (true) {
            if (graceful.isDone()) {
                return Result.KCL_COMPLETED;
            }
            if (liveProcessors.getAsInt() == 0) {
                return Result.PROCESSORS_RETURNED;
            }
            long left = deadlineNanos - nanoClock.getAsLong();
            if (left <= 0) {
                return Result.TIMED_OUT;
            }
            Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), left / 1_000_000)));
        }
    }
}
