package io.streamwatch.consumer.decode;

/** Which temperatures the decoder accepts. */
public enum TemperatureFormat {
    /** Whole degrees only, 32-bit: the Kinesis Data Generator template's {@code random.number}. */
    INTEGER,
    /**
     * Also decimals such as {@code 21.5} or {@code -0.25}, up to 9 decimal places, kept exactly (no binary
     * floating point anywhere): stored as the same decimal value (DynamoDB normalises numbers, so 100.0 reads
     * back as 100), compared exactly with the anomaly threshold.
     */
    DECIMAL
}
