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
        return withOneLineErrors(new CommandLine(new RegressionCli())).execute(args);
    }

    /**
     * The command line's error contract, shared with the Spark entry point: enum values in any case; a data,
     * model or input error is one line ("Error: ...") and exit code 1; anything else prints its stack trace
     * too, being a bug.
     */
    public static CommandLine withOneLineErrors(CommandLine cli) {
        cli.setCaseInsensitiveEnumValuesAllowed(true);
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
        return cli;
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
