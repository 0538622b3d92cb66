package io.streamwatch.consumer.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureStreakTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final FailureStreak streak = new FailureStreak(now::get, Duration.ofSeconds(5));

    @Test
    void aRunOfFailuresCountsFromItsFirstAndReportsItsLast() {
        streak.failed("refused");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(streak.failing()).isEmpty();
        streak.failed("reset");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(streak.failing()).hasValue(new FailureStreak.Failing(Duration.ofSeconds(6), "reset"));
    }

    @Test
    void aSuccessEndsTheRunAndTheNextFailureStartsANewOne() {
        streak.failed("refused");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        streak.succeeded();
        assertThat(streak.failing()).isEmpty();
        streak.failed("refused");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(streak.failing()).isEmpty();
    }
}
