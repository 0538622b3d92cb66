package io.streamwatch.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    @Test
    void aBatchBehindTheTipMovesTheWatermarkToItsNewestArrivalNotTheWallClock() {
        assertThat(Watermark.afterBatch(OptionalLong.of(1_000), 999_999, OptionalLong.of(5_000))).isEqualTo(1_000);
    }

    @Test
    void aBatchOfUnknownDistanceFromTheTipIsTreatedAsBehindIt() {
        assertThat(Watermark.afterBatch(OptionalLong.of(1_000), 999_999, OptionalLong.empty())).isEqualTo(1_000);
    }

    @Test
    void aBatchThatReachesTheTipMovesTheWatermarkToTheClock() {
        assertThat(Watermark.afterBatch(OptionalLong.of(1_000), 999_999, OptionalLong.of(0))).isEqualTo(999_999);
        // ...but never behind its own records when the local clock lags Kinesis'.
        assertThat(Watermark.afterBatch(OptionalLong.of(1_000), 900, OptionalLong.of(0))).isEqualTo(1_000);
    }

    @Test
    void anEmptyBatchMeansTheShardIsReadUpToMillisBehindLatestAgo() {
        assertThat(Watermark.afterBatch(OptionalLong.empty(), 100_000, OptionalLong.of(0))).isEqualTo(100_000);
        assertThat(Watermark.afterBatch(OptionalLong.empty(), 100_000, OptionalLong.of(3_000))).isEqualTo(97_000);
        assertThat(Watermark.afterBatch(OptionalLong.empty(), 100_000, OptionalLong.empty())).isEqualTo(100_000);
    }
}
