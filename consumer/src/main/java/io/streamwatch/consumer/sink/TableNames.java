package io.streamwatch.consumer.sink;

import java.util.Objects;

/** The three output tables. */
public record TableNames(String dump, String anomaly, String rejected) {

    public static final TableNames DEFAULT = new TableNames("data_dump", "data_anomaly", "data_rejected");

    public TableNames {
        Objects.requireNonNull(dump, "dump");
        Objects.requireNonNull(anomaly, "anomaly");
        Objects.requireNonNull(rejected, "rejected");
    }
}
