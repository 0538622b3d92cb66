package io.streamwatch.consumer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecoderLimits;
import io.streamwatch.consumer.decode.ReadingScratch;
import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.decode.TemperatureFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnarEntriesTest {

    private static WindowEntry.Accepted reading(String shard, String sequence, long sub, long arrival, String name,
                                                int temperature, String status, int scale) {
        return new WindowEntry.Accepted(new RecordMeta(shard, sequence, sub, arrival),
                new SensorReading(name, temperature, status, scale));
    }

    @Test
    void everyEntryComesBackEqualWhateverItHolds() {
        String shard = "shardId-000000000007";
        List<WindowEntry> expected = new ArrayList<>();
        ColumnarEntries entries = new ColumnarEntries(0);
        for (int i = 0; i < 10_000; i++) {
            // 56-digit sequence numbers whose prefix changes now and then, across chunk boundaries (4,096).
            String sequence = "4968068245335839192356968099" + String.format("%010d", i / 3000)
                    + String.format("%018d", 100_000_000_000L * i + 7);
            WindowEntry entry = switch (i % 7) {
                case 1 -> new WindowEntry.Rejected(new RecordMeta(shard, sequence, 0, 1_000 + i),
                        ("bad," + i).getBytes(StandardCharsets.UTF_8), "temperature: not a number");
                case 2 -> reading(shard, sequence, i, 1_000 + i, "Kpl" + i % 5, 101, "FAIL", 0); // aggregated
                case 3 -> reading(shard, i % 2 == 0 ? "012345" : "file", i, 1_000 + i, "Short", -40, "OK", 0);
                case 4 -> reading("shardId-000000000008", sequence, 0, 1_000 + i, "Other", 7, "OK", 0);
                case 5 -> reading(shard, sequence, 0, 1_000 + i, "Decimal", 2150, "WARN", 2);     // 21.50
                default -> reading(shard, sequence, 0, 1_000 + i, "Name" + i % 50, i % 150, "OK", 0);
            };
            expected.add(entry);
            entries.add(entry);
        }
        assertThat(entries).hasSize(10_000);
        for (int i = 0; i < expected.size(); i++) {
            WindowEntry actual = entries.get(i);
            if (expected.get(i) instanceof WindowEntry.Rejected rejected) {
                assertThat(actual).isSameAs(rejected);
            } else {
                assertThat(actual).as("entry %d", i).isEqualTo(expected.get(i));
            }
        }
        assertThat(entries.get(5).meta().sequenceNumber()).hasSize(56);
    }

    @Test
    void leadingZerosOfTheLastDigitsSurvive() {
        ColumnarEntries entries = new ColumnarEntries(16);
        WindowEntry.Accepted entry = reading("s", "4968068245335839192356968099000000000000000000000000000001", 0,
                5, "A", 1, "OK", 0);
        entries.add(entry);
        assertThat(entries.get(0)).isEqualTo(entry);
    }

    @Test
    void indexesOutsideTheEntriesAreRefused() {
        ColumnarEntries entries = new ColumnarEntries(16);
        assertThatThrownBy(() -> entries.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void arrivalsAndSubSequencesOutsideTheIntColumnsComeBackWhole() {
        ColumnarEntries entries = new ColumnarEntries(16);
        List<WindowEntry.Accepted> expected = List.of(
                reading("s", "49680", 0, 1_704_067_200_000L, "A", 1, "OK", 0),
                reading("s", "49681", 0, 1_704_067_200_000L + 30L * 24 * 3600 * 1000, "B", 2, "OK", 0), // +30 days
                reading("s", "49682", 3_000_000_000L, 1_704_067_200_001L, "C", 3, "OK", 0),           // > 2^31
                reading("s", "49683", 7, 1_704_067_199_000L, "D", 4, "OK", 0));                       // earlier
        expected.forEach(entries::add);
        assertThat(entries).containsExactlyElementsOf(expected);
    }

    @Test
    void aReadingAddedStraightFromTheDecoderEqualsTheEntryItDescribes() {
        CsvRecordDecoder decoder = new CsvRecordDecoder(DecoderLimits.DEFAULT, TemperatureFormat.DECIMAL);
        ReadingScratch scratch = new ReadingScratch();
        byte[] payload = "Chloé,21.50,WARN".getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decodeInto(payload, 0, payload.length, scratch)).isEmpty();
        ColumnarEntries entries = new ColumnarEntries(16);
        String sequence = "49680682453358391923569680990000000000000000000000000042";
        entries.addReading("shardId-1", sequence, 2, 1_000, scratch);
        assertThat(entries.get(0)).isEqualTo(reading("shardId-1", sequence, 2, 1_000, "Chloé", 2150, "WARN", 2));
        assertThatThrownBy(() -> entries.addReading("shardId-2", sequence, 0, 1_000, scratch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shardId-2");
    }
}
