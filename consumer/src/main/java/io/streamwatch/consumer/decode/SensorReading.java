package io.streamwatch.consumer.decode;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One decoded producer record {@code name,temperature,status}. The temperature is the exact decimal
 * {@code temperature × 10^-scale}: an integer reading has scale 0, {@code 21.5} is 215 with scale 1.
 *
 * @param name        the sensor or person name; non-empty, trimmed
 * @param temperature the reading's unscaled digits
 * @param status      a non-empty status token such as {@code OK}, {@code FAIL} or {@code WARN}
 * @param scale       decimal places, 0 to {@value #MAX_SCALE}
 */
public record SensorReading(String name, int temperature, String status, int scale) implements DecodeResult {

    public static final int MAX_SCALE = 9;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L};

    public SensorReading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (name.isEmpty() || status.isEmpty()) {
            throw new IllegalArgumentException("name and status must be non-empty");
        }
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ", got " + scale);
        }
    }

    /** An integer reading. */
    public SensorReading(String name, int temperature, String status) {
        this(name, temperature, status, 0);
    }

    /** The temperature as the exact decimal the producer sent (trailing zeros kept: 21.50 stays 21.50). */
    public BigDecimal temperatureValue() {
        return BigDecimal.valueOf(temperature, scale);
    }

    /** True when the temperature is strictly greater than {@code threshold}, compared exactly. */
    public boolean temperatureAbove(int threshold) {
        return temperatureAbove(temperature, scale, threshold);
    }

    /** {@link #temperatureAbove(int)} for a temperature's digits and scale held apart (columnar windows). */
    public static boolean temperatureAbove(int temperature, int scale, int threshold) {
        return scale == 0 ? temperature > threshold : temperature > threshold * POWERS_OF_TEN[scale];
    }

    /** Orders by temperature value, exactly, whatever the scales. */
    public int compareTemperature(SensorReading other) {
        return compareTemperatures(temperature, scale, other.temperature, other.scale);
    }

    /** {@link #compareTemperature} for temperatures' digits and scales held apart (columnar windows). */
    public static int compareTemperatures(int temperature, int scale, int otherTemperature, int otherScale) {
        if (scale == otherScale) {
            return Integer.compare(temperature, otherTemperature);
        }
        int common = Math.max(scale, otherScale);
        return Long.compare(temperature * POWERS_OF_TEN[common - scale],
                otherTemperature * POWERS_OF_TEN[common - otherScale]);
    }
}
