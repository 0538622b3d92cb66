package io.streamwatch.consumer.cli;

import io.streamwatch.consumer.sink.TableNames;
import picocli.CommandLine.Option;

/** The output table names, shared by run, show and setup. */
public final class TableOptions {

    @Option(names = "--dump-table", defaultValue = "${env:DUMP_TABLE:-data_dump}",
            description = "Table of every reading (env DUMP_TABLE; default ${DEFAULT-VALUE}).")
    String dump;

    @Option(names = "--anomaly-table", defaultValue = "${env:ANOMALY_TABLE:-data_anomaly}",
            description = "Table of anomalies (env ANOMALY_TABLE; default ${DEFAULT-VALUE}).")
    String anomaly;

    @Option(names = "--rejected-table", defaultValue = "${env:REJECTED_TABLE:-data_rejected}",
            description = "Dead-letter table of malformed records (env REJECTED_TABLE; default ${DEFAULT-VALUE}).")
    String rejected;

    TableNames names() {
        return new TableNames(dump, anomaly, rejected);
    }
}
