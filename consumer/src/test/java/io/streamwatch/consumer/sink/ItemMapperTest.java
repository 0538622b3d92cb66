package io.streamwatch.consumer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.RecordPosition;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.window.WindowBounds;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ItemMapperTest {

    private final long arrival = Instant.parse("2026-11-29T17:32:05Z").toEpochMilli();
    private final RecordMeta meta = new RecordMeta("shardId-000000000001", new RecordPosition("4968", 3), arrival);
    private final WindowBounds window = new WindowBounds(arrival - 5_000, arrival + 15_000);

    @Test
    void theKeyIsUniquePerKinesisRecordAndSortsByArrivalTime() {
        assertThat(ItemKeys.eventKey(meta)).isEqualTo("2026-11-29T17:32:05.000Z#shardId-000000000001#4968#0000000003");
    }

    @Test
    void aReadingKeepsTheOriginalAttributeNamesAndItsOrigin() {
        ReadingItem item = ItemMapper.reading(
                new WindowEntry.Accepted(meta, new SensorReading("Alice", 123, "OK")), window);
        assertThat(item.getId()).isEqualTo("Alice");
        assertThat(item.getCurrentTemp().toPlainString()).isEqualTo("123");
        assertThat(item.getStatus()).isEqualTo("OK");
        assertThat(item.getSequenceNumber()).isEqualTo("4968");
        assertThat(item.getSubSequenceNumber()).isEqualTo(3L);
        assertThat(item.getWindowStart()).isEqualTo("2026-11-29T17:32:00.000Z");
        assertThat(item.getWindowEnd()).isEqualTo("2026-11-29T17:32:20.000Z");
    }

    @Test
    void theTimeToLiveIsDerivedFromTheArrivalTimeSoReplaysWriteTheSameItem() {
        var entry = new WindowEntry.Accepted(meta, new SensorReading("Alice", 123, "OK"));
        assertThat(ItemMapper.reading(entry, window).getExpiresAt()).isNull();
        assertThat(ItemMapper.reading(entry, window, Optional.of(java.time.Duration.ofDays(30))).getExpiresAt())
                .isEqualTo(arrival / 1000 + 30 * 86_400);
    }

    @Test
    void aRejectedRecordKeepsItsExactBytesAndTruncatesHugeOnes() {
        byte[] raw = {(byte) 0xff, 'x'};
        RejectedItem item = ItemMapper.rejected(new WindowEntry.Rejected(meta, raw, "record is not valid UTF-8"), window);
        assertThat(item.getPayload().array()).containsExactly(raw);
        assertThat(item.getReason()).isEqualTo("record is not valid UTF-8");
        assertThat(item.getPayloadTruncated()).isFalse();

        byte[] huge = new byte[ItemMapper.MAX_STORED_PAYLOAD + 10];
        RejectedItem big = ItemMapper.rejected(new WindowEntry.Rejected(meta, huge, "too long"), window);
        assertThat(big.getPayload().remaining()).isEqualTo(ItemMapper.MAX_STORED_PAYLOAD);
        assertThat(big.getPayloadSize()).isEqualTo(huge.length);
        assertThat(big.getPayloadTruncated()).isTrue();
    }

    @Test
    void anEmptyRejectedRecordHasNoBinaryAttributeBecauseDynamoDbRefusesEmptyBinaries() {
        RejectedItem item = ItemMapper.rejected(new WindowEntry.Rejected(meta, new byte[0], "empty record"), window);
        assertThat(item.getPayload()).isNull();
        assertThat(item.getPayloadSize()).isZero();
    }

    @Test
    void thePreviewNeverEndsInHalfASurrogatePair() {
        String text = "x".repeat(1023) + "\uD83D\uDD25" + "tail"; // an emoji straddling the 1,024th character
        assertThat(ItemMapper.preview(text)).isEqualTo("x".repeat(1023));
        assertThat(ItemMapper.preview("short")).isEqualTo("short");
        assertThat(ItemMapper.preview("y".repeat(2000))).hasSize(1024);
    }
}
