package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.CsvFormatException;
import io.streamwatch.regression.design.InvalidRowException;
import io.streamwatch.regression.solve.RankDeficientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code streamwatch-regression}: schema, fit, predict, evaluate, describe, generate, each command in its own file. Exit codes:
 * 0 ok, 1 data or model error (one line), 2 usage.
 */
@Command(name = "streamwatch-regression", mixinStandardHelpOptions = true, version = "streamwatch-regression 1.0",
        description = "Ordinary least squares on CSV files, the Spark MLlib workflow without Spark.",
        subcommands = {SchemaCommand.class, FitCommand.class, PredictCommand.class, EvaluateCommand.class,
                DescribeCommand.class, GenerateCommand.class})
public final class RegressionCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RegressionCli()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean known = e instanceof CsvFormatException || e instanceof InvalidRowException
                    || e instanceof RankDeficientException || e instanceof IllegalArgumentException
                    || e instanceof IOException || e instanceof UncheckedIOException;
            cmd.getErr().println("Error: " + e.getMessage());
            if (!known) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * Refuses an output path whose directory does not exist, before any work.
     *
     * @throws IllegalArgumentException naming the missing directory
     */
    static void requireParentDirectory(Path output, String option) {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + output + ": the directory " + parent
                    + " does not exist; create it or choose another path");
        }
    }
}
