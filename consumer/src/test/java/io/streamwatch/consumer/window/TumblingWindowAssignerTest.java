package io.streamwatch.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TumblingWindowAssignerTest {

    private final TumblingWindowAssigner twentySeconds = new TumblingWindowAssigner(Duration.ofSeconds(20));

    @Test
    void alignsWindowsToTheEpochSoEveryWorkerAgrees() {
        long t = Instant.parse("2026-11-29T17:32:05.123Z").toEpochMilli();
        assertThat(twentySeconds.windowOf(t)).isEqualTo(new WindowBounds(
                Instant.parse("2026-11-29T17:32:00Z").toEpochMilli(), Instant.parse("2026-11-29T17:32:20Z").toEpochMilli()));
    }

    @Test
    void startIsInclusiveAndEndIsExclusive() {
        long start = Instant.parse("2026-11-29T17:32:20Z").toEpochMilli();
        assertThat(twentySeconds.windowOf(start).startMillis()).isEqualTo(start);
        assertThat(twentySeconds.windowOf(start - 1).endMillis()).isEqualTo(start);
    }

    @Test
    void handlesTimestampsBeforeTheEpoch() {
        assertThat(twentySeconds.windowOf(-1)).isEqualTo(new WindowBounds(-20_000, 0));
    }

    @Test
    void rejectsNonPositiveLengths() {
        assertThatThrownBy(() -> new TumblingWindowAssigner(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
