package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.CsvOptions;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** CSV dialect flags shared by every command. */
final class CsvInputOptions {

    @Option(names = "--delimiter", defaultValue = ",", description = "Field delimiter (default '${DEFAULT-VALUE}').")
    char delimiter;

    @Option(names = "--quote", defaultValue = "\"", description = "Quote character (default ${DEFAULT-VALUE}).")
    char quote;

    @Option(names = "--null-token", split = ",", defaultValue = "NA",
            description = "Values read as null besides the empty field (default ${DEFAULT-VALUE}).")
    List<String> nullTokens;

    CsvOptions options() {
        return new CsvOptions(delimiter, quote, new LinkedHashSet<>(nullTokens));
    }
}
