package io.streamwatch.consumer.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.config.InitialPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.common.InitialPositionInStream;

class StartingPositionTest {

    private static final Instant CREATED = Instant.parse("2026-12-08T00:00:00Z");

    @Test
    void latestIsFixedAtTheApplicationsFirstStartSoEveryWorkerStartsANewLeaseAtTheSamePoint() {
        var first = StartingPosition.of(InitialPosition.LATEST, CREATED);
        var successorAnHourLater = StartingPosition.of(InitialPosition.LATEST, CREATED);

        assertThat(first.getInitialPositionInStream()).isEqualTo(InitialPositionInStream.AT_TIMESTAMP);
        assertThat(first.getTimestamp().toInstant()).isEqualTo(Instant.parse("2026-12-07T23:59:55Z"));
        assertThat(successorAnHourLater.getTimestamp()).isEqualTo(first.getTimestamp());
    }

    @Test
    void trimHorizonStaysTrimHorizon() {
        assertThat(StartingPosition.of(InitialPosition.TRIM_HORIZON, CREATED).getInitialPositionInStream())
                .isEqualTo(InitialPositionInStream.TRIM_HORIZON);
    }
}
