package io.streamwatch.consumer.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {

    @Test
    void logsAtMostTheBudgetPerIntervalThenResumes() {
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger("test"), 3, Duration.ofSeconds(60), now::get);
        int logged = 0;
        for (int i = 0; i < 100; i++) {
            logged += log.warn("rejected {}", i) ? 1 : 0;
        }
        assertThat(logged).isEqualTo(3);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(log.warn("again")).isTrue();
    }
}
