package io.streamwatch.consumer.decode;

import java.util.Objects;

/**
 * One decoded producer record {@code name,temperature,status}.
 *
 * @param name        the sensor or person name; non-empty, trimmed
 * @param temperature the reading, an integer in degrees
 * @param status      a non-empty status token such as {@code OK}, {@code FAIL} or {@code WARN}
 */
public record SensorReading(String name, int temperature, String status) implements DecodeResult {
    public SensorReading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        if (name.isEmpty() || status.isEmpty()) {
            throw new IllegalArgumentException("name and status must be non-empty");
        }
    }
}
