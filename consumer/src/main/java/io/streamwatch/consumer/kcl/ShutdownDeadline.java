package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.sink.RetryGate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Once shutdown starts, writes may retry until shortly before the drain deadline and no longer: the rest
 * of the drain is kept for the final checkpoints, so they are not lost in a race with the last write.
 * Past it the worker exits without checkpointing the unwritten windows, which the next owner of the
 * lease replays. Thread-safe: writer threads read it while the stopping thread starts it.
 */
public final class ShutdownDeadline implements RetryGate {

    /** The part of the drain kept for checkpoints: a fifth of it, at most 5 s. */
    static Duration checkpointReserve(Duration drainTimeout) {
        Duration fifth = drainTimeout.dividedBy(5);
        return fifth.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : fifth;
    }

    private static final long NOT_STARTED = Long.MAX_VALUE;
    private final AtomicLong writeDeadlineNanos = new AtomicLong(NOT_STARTED);
    private final AtomicLong drainDeadlineNanos = new AtomicLong(NOT_STARTED);
    private final LongSupplier nanoClock;

    public ShutdownDeadline(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public ShutdownDeadline() {
        this(System::nanoTime);
    }

    /** Starts the drain clock; later calls keep the first deadline. */
    public void start(Duration drainTimeout) {
        long now = nanoClock.getAsLong();
        Duration forWrites = drainTimeout.minus(checkpointReserve(drainTimeout));
        if (writeDeadlineNanos.compareAndSet(NOT_STARTED, now + forWrites.toNanos())) {
            drainDeadlineNanos.set(now + drainTimeout.toNanos());
        }
    }

    public boolean started() {
        return writeDeadlineNanos.get() != NOT_STARTED;
    }

    @Override
    public Optional<String> stopReason() {
        long deadline = writeDeadlineNanos.get();
        if (deadline != NOT_STARTED && nanoClock.getAsLong() - deadline >= 0) {
            return Optional.of("the shutdown drain deadline passed; the window will be replayed from the last checkpoint");
        }
        return Optional.empty();
    }

    /** Until the drain's own deadline (checkpoints included) once shutdown has started; empty before. */
    Optional<Duration> drainTimeLeft() {
        long deadline = drainDeadlineNanos.get();
        if (!started() || deadline == NOT_STARTED) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, deadline - nanoClock.getAsLong())));
    }

    /** Until the writes' deadline once shutdown has started; empty (unbounded) before. */
    @Override
    public Optional<Duration> timeLeft() {
        long deadline = writeDeadlineNanos.get();
        if (deadline == NOT_STARTED) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, deadline - nanoClock.getAsLong())));
    }
}
