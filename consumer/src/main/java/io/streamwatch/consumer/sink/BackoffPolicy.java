package io.streamwatch.consumer.sink;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a uniformly random time
 * in {@code [0, min(cap, base * 2^(n-1))]}. Full jitter spreads the retries of many shards that were
 * throttled together, which is what DynamoDB's guidance asks for.
 */
public final class BackoffPolicy {

    private final long baseMillis;
    private final long capMillis;
    private final DoubleSupplier random;

    public BackoffPolicy(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got base=" + base + " cap=" + cap);
        }
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    public BackoffPolicy(Duration base, Duration cap) {
        this(base, cap, Math::random);
    }

    /** The longest wait before retry {@code attempt} (1-based), before jitter. */
    public long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(capMillis, baseMillis << shift);
    }

    /** The jittered wait before retry {@code attempt} (1-based). */
    public Duration delayBefore(int attempt) {
        long ceiling = ceilingMillis(attempt);
        return Duration.ofMillis(Math.min(ceiling, (long) (random.getAsDouble() * (ceiling + 1))));
    }
}
