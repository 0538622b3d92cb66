package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    @Test
    void theCeilingDoublesUpToTheCap() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300));
        assertThat(policy.ceilingMillis(1)).isEqualTo(50);
        assertThat(policy.ceilingMillis(2)).isEqualTo(100);
        assertThat(policy.ceilingMillis(3)).isEqualTo(200);
        assertThat(policy.ceilingMillis(4)).isEqualTo(300);
        assertThat(policy.ceilingMillis(1000)).isEqualTo(300);
    }

    @Test
    void fullJitterSpreadsDelaysBetweenZeroAndTheCeiling() {
        assertThat(new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0).delayBefore(3))
                .isEqualTo(Duration.ZERO);
        assertThat(new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5).delayBefore(3))
                .isEqualTo(Duration.ofMillis(200));
    }
}
