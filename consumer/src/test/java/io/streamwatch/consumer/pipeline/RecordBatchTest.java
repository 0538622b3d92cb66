package io.streamwatch.consumer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void holdsEachRecordsPositionArrivalAndPayloadPastItsInitialSize() {
        RecordBatch batch = new RecordBatch(1);
        byte[] line = utf8("xxAlice,123,OKyy");
        batch.add("1", 0, 10, line, 2, 12);
        batch.add("2", 5, 20, ByteBuffer.wrap(utf8("Bob,7,OK")).asReadOnlyBuffer());
        batch.add("3", 0, RecordMeta.NO_ARRIVAL, new byte[0], 0, 0);
        String big = "N".repeat(200) + ",1,OK";
        batch.add("4", 0, 40, utf8(big), 0, big.length());

        assertThat(batch.size()).isEqualTo(4);
        assertThat(new String(batch.payload(0), StandardCharsets.UTF_8)).isEqualTo("Alice,123,OK");
        assertThat(new String(batch.payload(1), StandardCharsets.UTF_8)).isEqualTo("Bob,7,OK");
        assertThat(batch.payload(2)).isEmpty();
        assertThat(new String(batch.payload(3), StandardCharsets.UTF_8)).isEqualTo(big);
        assertThat(batch.meta("s", 1)).isEqualTo(new RecordMeta("s", "2", 5, 20));
        assertThat(batch.arrivalMillis(2)).isEqualTo(RecordMeta.NO_ARRIVAL);
    }

    @Test
    void aByteBufferIsReadWithoutBeingConsumed() {
        ByteBuffer data = ByteBuffer.wrap(utf8("--A,1,OK")).position(2);
        RecordBatch batch = new RecordBatch(4);
        batch.add("1", 0, 1, data);
        assertThat(data.position()).isEqualTo(2);
        assertThat(new String(batch.payload(0), StandardCharsets.UTF_8)).isEqualTo("A,1,OK");
    }

    @Test
    void aClearedBatchIsEmptyAndRefillsFromTheStart() {
        RecordBatch batch = RecordBatch.of(List.of(new InboundRecord("s", new RecordPosition("1", 0), 1, utf8("A,1,OK"))));
        batch.clear();
        assertThat(batch.isEmpty()).isTrue();
        batch.add("9", 0, 2, utf8("B,2,OK"), 0, 6);
        assertThat(batch.sequenceNumber(0)).isEqualTo("9");
        assertThat(new String(batch.payload(0), StandardCharsets.UTF_8)).isEqualTo("B,2,OK");
    }

    @Test
    void anInvalidPositionIsRefusedWhenAdded() {
        RecordBatch batch = new RecordBatch(4);
        assertThatThrownBy(() -> batch.add("", 0, 1, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.add("1", -1, 1, new byte[1], 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(batch.isEmpty()).isTrue();
    }
}
