package io.streamwatch.consumer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.pipeline.AnomalyRule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --temperature decimal}: exact decimals in, the same decimal out, exact comparisons. */
class DecimalTemperatureTest {

    private final CsvRecordDecoder decimal = new CsvRecordDecoder(DecoderLimits.DEFAULT, TemperatureFormat.DECIMAL);
    private final CsvRecordDecoder integer = new CsvRecordDecoder();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"21.5, 21.5", "-0.25, -0.25", "+7, 7", "100.000, 100.000", "2147483647, 2147483647",
            "0.000000001, 0.000000001", "123, 123"})
    void decimalsAreKeptExactlyIncludingTrailingZeros(String temperature, String stored) {
        SensorReading reading = (SensorReading) decimal.decode(bytes("Alice," + temperature + ",OK"));
        assertThat(reading.temperatureValue()).isEqualTo(new BigDecimal(stored));
        assertThat(reading.temperatureValue().toPlainString()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "21.      | temperature is not a decimal number",
            ".5       | temperature is not a decimal number",
            "2.1.5    | temperature is not a decimal number",
            "1e3      | temperature is not a decimal number",
            "0.0000000001 | temperature has too many digits",
            "21474836.48  | temperature has too many digits",
            "100.000000000 | temperature has too many digits"})
    void malformedDecimalsAreRejectedWithAReason(String temperature, String reason) {
        assertThat(decimal.decode(bytes("Alice," + temperature + ",OK")))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason()).startsWith(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"21.5", "100.0"})
    void theIntegerFormatStillRejectsDecimals(String temperature) {
        assertThat(integer.decode(bytes("Alice," + temperature + ",OK")))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo("temperature is not an integer"));
    }

    @ParameterizedTest(name = "{0} anomaly={1}")
    @CsvSource({"100, false", "100.0, false", "100.0000000, false", "100.0000001, true", "100.01, true",
            "101, true", "99.999, false", "-100.5, false"})
    void theThresholdIsComparedExactly(String temperature, boolean anomaly) {
        SensorReading reading = (SensorReading) decimal.decode(bytes("Alice," + temperature + ",OK"));
        assertThat(new AnomalyRule(100).isAnomaly(reading)).isEqualTo(anomaly);
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"21.5, 21.49, 1", "21.5, 21.50, 0", "-1, -0.5, -1", "100, 99.9999999, 1"})
    void readingsOfDifferentScalesCompareByValue(String a, String b, int sign) {
        SensorReading x = (SensorReading) decimal.decode(bytes("A," + a + ",OK"));
        SensorReading y = (SensorReading) decimal.decode(bytes("B," + b + ",OK"));
        assertThat(Integer.signum(x.compareTemperature(y))).isEqualTo(sign);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
