package io.streamwatch.consumer.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    @Test
    void aBatchWithRecordsMovesTheWatermarkToItsNewestArrivalNotTheWallClock() {
        assertThat(Watermark.afterBatch(OptionalLong.of(1_000), 999_999, 0)).isEqualTo(1_000);
    }

    @Test
    void anEmptyBatchMeansTheShardIsReadToTheTip() {
        assertThat(Watermark.afterBatch(OptionalLong.empty(), 100_000, 0)).isEqualTo(100_000);
        assertThat(Watermark.afterBatch(OptionalLong.empty(), 100_000, 3_000)).isEqualTo(97_000);
    }
}
