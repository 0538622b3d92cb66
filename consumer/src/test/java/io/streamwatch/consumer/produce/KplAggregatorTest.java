package io.streamwatch.consumer.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class KplAggregatorTest {

    @Test
    void theKclsOwnDeaggregatorReadsBackEveryUserRecordInOrderWithItsSubSequenceNumber() {
        List<byte[]> payloads = List.of(bytes("Alice,123,OK"), bytes("Bob,50,WARN"), bytes("not,a,reading,at all"));
        KinesisClientRecord kinesisRecord = KinesisClientRecord.builder().sequenceNumber("49590338271490256608559692538361571095921575989136588898")
                .partitionKey("sensor-7").approximateArrivalTimestamp(Instant.parse("2026-12-01T00:00:00Z"))
                .data(ByteBuffer.wrap(KplAggregator.aggregate("sensor-7", payloads))).build();

        List<KinesisClientRecord> users = new AggregatorUtil().deaggregate(List.of(kinesisRecord));

        assertThat(users).hasSize(3);
        for (int i = 0; i < 3; i++) {
            KinesisClientRecord user = users.get(i);
            assertThat(user.aggregated()).isTrue();
            assertThat(user.subSequenceNumber()).isEqualTo(i);
            assertThat(user.sequenceNumber()).isEqualTo(kinesisRecord.sequenceNumber());
            assertThat(user.approximateArrivalTimestamp()).isEqualTo(kinesisRecord.approximateArrivalTimestamp());
            assertThat(text(user.data())).isEqualTo(new String(payloads.get(i), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCorruptedAggregateIsNotDeaggregatedButPassedOnWhole() {
        byte[] data = KplAggregator.aggregate("k", List.of(bytes("A,1,OK"), bytes("B,2,OK")));
        data[data.length - 1] ^= 1; // the MD5 no longer matches
        KinesisClientRecord kinesisRecord = KinesisClientRecord.builder().sequenceNumber("1").partitionKey("k")
                .data(ByteBuffer.wrap(data)).build();

        assertThat(new AggregatorUtil().deaggregate(List.of(kinesisRecord))).singleElement()
                .satisfies(r -> assertThat(r.aggregated()).isFalse());
    }

    @Test
    void anEmptyAggregateIsRefused() {
        assertThatThrownBy(() -> KplAggregator.aggregate("k", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
