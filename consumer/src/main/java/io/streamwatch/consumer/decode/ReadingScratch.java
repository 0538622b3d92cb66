package io.streamwatch.consumer.decode;

/**
 * A reusable holder that {@link CsvRecordDecoder#decodeInto} fills with one reading's fields, so the
 * per-record path of a shard allocates no object for a record that goes straight into a window's columns.
 * Mutable on purpose (the one exception to the value types around it): what it holds is valid until the
 * next decode into it.
 *
 * <p>Not thread-safe: one per shard, like the decoder.
 */
public final class ReadingScratch {

    private String name = "";
    private int temperature;
    private int scale;
    private String status = "";

    void set(String name, int temperature, int scale, String status) {
        this.name = name;
        this.temperature = temperature;
        this.scale = scale;
        this.status = status;
    }

    /** The name, trimmed and non-empty, shared from the decoder's cache where it is ASCII. */
    public String name() {
        return name;
    }

    /** The temperature's unscaled digits. */
    public int temperature() {
        return temperature;
    }

    /** Decimal places of the temperature, 0 to {@value SensorReading#MAX_SCALE}. */
    public int scale() {
        return scale;
    }

    public String status() {
        return status;
    }

    /** The reading as a value. */
    public SensorReading toReading() {
        return new SensorReading(name, temperature, status, scale);
    }
}
