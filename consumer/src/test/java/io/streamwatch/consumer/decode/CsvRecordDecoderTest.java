package io.streamwatch.consumer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvRecordDecoderTest {

    private final CsvRecordDecoder decoder = new CsvRecordDecoder();

    private DecodeResult decode(String text) {
        return decoder.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" decodes to {1},{2},{3}")
    @CsvSource(delimiter = '|', value = {
            "Alice,123,OK|Alice|123|OK",
            "  Alice , 123 ,  OK  |Alice|123|OK",
            "Bob,-5,FAIL|Bob|-5|FAIL",
            "Bob,+7,WARN|Bob|7|WARN",
            "Mary Ann,100,OK|Mary Ann|100|OK",
            "Chloé,2147483647,OK|Chloé|2147483647|OK",
            "Zoë,-2147483648,WARN|Zoë|-2147483648|WARN",
            "Al,0,custom_status-2|Al|0|custom_status-2",
    })
    void decodesWellFormedRecords(String input, String name, int temperature, String status) {
        assertThat(decode(input)).isEqualTo(new SensorReading(name, temperature, status));
    }

    @Test
    void acceptsOneTrailingNewlineOrCrLf() {
        assertThat(decode("Alice,1,OK\n")).isInstanceOf(SensorReading.class);
        assertThat(decode("Alice,1,OK\r\n")).isInstanceOf(SensorReading.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is rejected: {1}")
    @CsvSource(delimiter = '|', value = {
            "''|empty record",
            "Alice|found 1",
            "Alice,123|found 2",
            "Alice,123,OK,extra|found more",
            ",123,OK|name is empty",
            "'   ,123,OK'|name is empty",
            "Alice,,OK|temperature is empty",
            "Alice,hot,OK|not an integer",
            "Alice,12.5,OK|not an integer",
            "Alice,1e3,OK|not an integer",
            "Alice,-,OK|not an integer",
            "Alice,2147483648,OK|outside the 32-bit integer range",
            "Alice,-2147483649,OK|outside the 32-bit integer range",
            "Alice,99999999999999999999,OK|outside the 32-bit integer range",
            "Alice,123,|status is empty",
            "Alice,123,O K|single token",
            "'\"Alice\",123,OK'|quoted fields are not supported",
            "'Alice,\"1,2\",OK'|quoted fields are not supported",
    })
    void rejectsMalformedRecordsWithAReason(String input, String reasonFragment) {
        assertThat(decode(input)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).contains(reasonFragment));
    }

    @Test
    void rejectsNewlinesAndNulInsideTheRecord() {
        assertThat(decode("Alice,1,OK\nBob,2,OK")).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(decode("Ali\0ce,1,OK")).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).contains("control character"));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = "Jos\u00e9,120,OK".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decoder.decode(latin1)).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("record is not valid UTF-8"));
        byte[] truncated = {'A', ',', '1', ',', 'O', 'K', (byte) 0xE2, (byte) 0x82};
        assertThat(decoder.decode(truncated)).isInstanceOf(DecodeResult.Rejected.class);
    }

    @Test
    void rejectsRecordsOverTheSizeCaps() {
        assertThat(decode("A".repeat(2000) + ",1,OK")).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).contains("longer than the limit of 1024"));
        assertThat(decode("A".repeat(257) + ",1,OK")).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).contains("name is longer than 256"));
        assertThat(decode("A,1," + "S".repeat(33))).isInstanceOfSatisfying(DecodeResult.Rejected.class,
                r -> assertThat(r.reason()).contains("status is longer than 32"));
        assertThat(decode("A".repeat(256) + ",1,OK")).isInstanceOf(SensorReading.class);
    }

    @Test
    void countsNameLengthInCharactersNotBytes() {
        String name = "é".repeat(256); // 512 bytes, 256 characters
        assertThat(decode(name + ",1,OK")).isInstanceOf(SensorReading.class);
    }

    @Test
    void decodesTheRemainingBytesOfABufferWithoutConsumingIt() {
        ByteBuffer buffer = ByteBuffer.wrap("xxAlice,5,OK".getBytes(StandardCharsets.UTF_8));
        buffer.position(2);
        assertThat(decoder.decode(buffer)).isEqualTo(new SensorReading("Alice", 5, "OK"));
        assertThat(buffer.position()).isEqualTo(2);
        ByteBuffer direct = ByteBuffer.allocateDirect(9).put("Bob,6,OK\n".getBytes(StandardCharsets.UTF_8)).flip();
        assertThat(decoder.decode(direct)).isEqualTo(new SensorReading("Bob", 6, "OK"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {"Alice,123,OK", " Chloé , 7 , WARN ", "Bob,x,OK", "Bob,1", ",1,OK", "A,1,O K"})
    void decodingIntoScratchAgreesWithDecodingToAValue(String input) {
        byte[] bytes = ("--" + input).getBytes(StandardCharsets.UTF_8);
        ReadingScratch scratch = new ReadingScratch();
        var rejection = new CsvRecordDecoder().decodeInto(bytes, 2, bytes.length - 2, scratch);
        DecodeResult value = decode(input);
        if (value instanceof SensorReading reading) {
            assertThat(rejection).isEmpty();
            assertThat(scratch.toReading()).isEqualTo(reading);
        } else {
            assertThat(rejection).contains(((DecodeResult.Rejected) value).reason());
        }
    }

    @Test
    void repeatedNamesShareOneStringOutsideAsciiToo() {
        SensorReading first = (SensorReading) decode("Chloé,1,OK");
        SensorReading second = (SensorReading) decode("Chloé,2,OK");
        SensorReading ascii = (SensorReading) decode("Alice,3,OK");
        assertThat(second.name()).isSameAs(first.name()).isEqualTo("Chloé");
        assertThat(((SensorReading) decode("Alice,4,OK")).name()).isSameAs(ascii.name());
    }
}
