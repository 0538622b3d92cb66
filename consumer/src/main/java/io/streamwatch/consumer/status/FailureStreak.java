package io.streamwatch.consumer.status;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A run of failed calls to one dependency, for {@code /health}: failing once calls have failed for at least
 * {@code after} with none succeeding since, so one slow or refused call is not an alarm. Thread-safe: the
 * threads making the calls report, the health check reads.
 */
public final class FailureStreak {

    private final LongSupplier nanoClock;
    private final Duration after;
    /** When the current run of failures began; 0 while the last call succeeded. */
    private final AtomicLong failingSince = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param after     how long calls must keep failing before it is a problem
     */
    public FailureStreak(LongSupplier nanoClock, Duration after) {
        this.nanoClock = nanoClock;
        this.after = after;
    }

    /** A call failed; {@code description} says how, for the health text. */
    public void failed(String description) {
        lastFailure.set(description);
        failingSince.compareAndSet(0, Math.max(1, nanoClock.getAsLong()));
    }

    /** A call succeeded: the run of failures, if any, is over. */
    public void succeeded() {
        failingSince.set(0);
    }

    /** How long calls have been failing and the last failure, once that is at least the threshold. */
    public Optional<Failing> failing() {
        long since = failingSince.get();
        if (since == 0) {
            return Optional.empty();
        }
        Duration failingFor = Duration.ofNanos(nanoClock.getAsLong() - since);
        return failingFor.compareTo(after) < 0 ? Optional.empty() : Optional.of(new Failing(failingFor, lastFailure.get()));
    }

    /**
     * @param duration    since the first failure of the run
     * @param lastFailure how the latest call failed
     */
    public record Failing(Duration duration, String lastFailure) {
    }
}
