package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.decode.SensorReading;

/**
 * A reading is an anomaly when its temperature is strictly greater than the threshold
 * (the original job's {@code currentTemp > 100}: 100 is normal, 101 is an anomaly).
 */
public record AnomalyRule(int threshold) {

    public static final int DEFAULT_THRESHOLD = 100;

    public boolean isAnomaly(SensorReading reading) {
        return reading.temperature() > threshold;
    }
}
