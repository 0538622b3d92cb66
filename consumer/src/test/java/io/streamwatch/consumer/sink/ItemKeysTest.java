package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.RecordPosition;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ItemKeysTest {

    private static String formatterText(long epochMillis) {
        return ItemKeys.TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    @Test
    void timestampsPrintWhatTheTimestampFormatPrints() {
        long year10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
        LongStream edges = LongStream.of(0, 1, 999, 1000, -1, -1000, -86_400_000L * 365 * 1970,
                Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(), Instant.parse("0001-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("0000-12-31T23:59:59.999Z").toEpochMilli(), year10000 - 1, year10000, Long.MAX_VALUE / 1000);
        LongStream random = new SplittableRandom(7).longs(20_000, 0, year10000);

        LongStream.concat(edges, random).forEach(millis ->
                assertThat(ItemKeys.timestamp(millis)).as("epoch millis %d", millis).isEqualTo(formatterText(millis)));
    }

    @Test
    void theEventKeyPadsTheSubSequenceNumberToTenDigits() {
        long arrival = Instant.parse("2026-11-29T17:32:05.042Z").toEpochMilli();

        assertThat(ItemKeys.eventKey(new RecordMeta("shardId-000000000001", new RecordPosition("4968", 0), arrival)))
                .isEqualTo("2026-11-29T17:32:05.042Z#shardId-000000000001#4968#0000000000");
        assertThat(ItemKeys.eventKey(new RecordMeta("shardId-000000000001", new RecordPosition("4968", 4_294_967_295L),
                arrival))).endsWith("#4968#4294967295");
        assertThat(ItemKeys.eventKey(new RecordMeta("s", new RecordPosition("1", 12_345_678_901L), arrival)))
                .endsWith("#1#12345678901");
    }

    @Test
    void keysMatchTheFormatTheyHadBeforeSoReplaysOverwriteOldItems() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            long arrival = random.nextLong(0, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
            long subSequence = random.nextLong(0, 100_000);
            RecordMeta meta = new RecordMeta("shardId-000000000003", new RecordPosition("49" + i, subSequence), arrival);

            assertThat(ItemKeys.eventKey(meta)).isEqualTo(formatterText(arrival) + "#shardId-000000000003#49" + i + "#"
                    + String.format("%010d", subSequence));
        }
    }
}
