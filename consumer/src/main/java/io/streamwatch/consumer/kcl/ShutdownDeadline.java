package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.sink.RetryGate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Once shutdown starts, writes may retry until the drain deadline and no longer: past it the worker
 * exits without checkpointing the unwritten windows, which the next owner of the lease replays.
 */
public final class ShutdownDeadline implements RetryGate {

    private static final long NOT_STARTED = Long.MAX_VALUE;
    private final AtomicLong deadlineNanos = new AtomicLong(NOT_STARTED);
    private final LongSupplier nanoClock;

    public ShutdownDeadline(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public ShutdownDeadline() {
        this(System::nanoTime);
    }

    /** Starts the drain clock; later calls keep the first deadline. */
    public void start(Duration drainTimeout) {
        deadlineNanos.compareAndSet(NOT_STARTED, nanoClock.getAsLong() + drainTimeout.toNanos());
    }

    public boolean started() {
        return deadlineNanos.get() != NOT_STARTED;
    }

    @Override
    public Optional<String> stopReason() {
        long deadline = deadlineNanos.get();
        if (deadline != NOT_STARTED && nanoClock.getAsLong() - deadline >= 0) {
            return Optional.of("the shutdown drain deadline passed; the window will be replayed from the last checkpoint");
        }
        return Optional.empty();
    }
}
