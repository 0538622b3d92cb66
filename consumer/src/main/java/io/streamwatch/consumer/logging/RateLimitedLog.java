package io.streamwatch.consumer.logging;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs at most {@code perInterval} messages per interval and reports how many it suppressed, so a
 * flood of malformed records cannot flood the logs (every one is still counted and dead-lettered).
 * Thread-safe.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final int perInterval;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long intervalStart;
    private int loggedInInterval;
    private long suppressed;

    public RateLimitedLog(Logger logger, int perInterval, java.time.Duration interval, LongSupplier nanoClock) {
        this.logger = logger;
        this.perInterval = perInterval;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.intervalStart = nanoClock.getAsLong();
    }

    public RateLimitedLog(Logger logger, int perInterval, java.time.Duration interval) {
        this(logger, perInterval, interval, System::nanoTime);
    }

    /** Logs a warning unless the budget for this interval is spent; returns whether it logged. */
    public synchronized boolean warn(String format, Object... args) {
        long now = nanoClock.getAsLong();
        if (now - intervalStart >= intervalNanos) {
            if (suppressed > 0) {
                logger.warn("{} similar messages suppressed in the last interval", suppressed);
            }
            intervalStart = now;
            loggedInInterval = 0;
            suppressed = 0;
        }
        if (loggedInInterval < perInterval) {
            loggedInInterval++;
            logger.warn(format, args);
            return true;
        }
        suppressed++;
        return false;
    }
}
