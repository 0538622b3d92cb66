package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.SensorReading;

/**
 * A reading is an anomaly when its temperature is strictly greater than the threshold
 * (the original job's {@code currentTemp > 100}: 100 is normal, 101 is an anomaly; with decimal readings 100.0
 * is normal and 100.01 an anomaly, compared exactly).
 */
public record AnomalyRule(int threshold) {

    public static final int DEFAULT_THRESHOLD = 100;

    public boolean isAnomaly(SensorReading reading) {
        return reading.temperatureAbove(threshold);
    }

    /** The rule for a temperature's digits and scale held apart (columnar windows). */
    public boolean isAnomaly(int temperature, int scale) {
        return SensorReading.temperatureAbove(temperature, scale, threshold);
    }
}
