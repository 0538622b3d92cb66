package io.streamwatch.regression.spark;

import io.streamwatch.regression.cli.ModelOptions;
import io.streamwatch.regression.cli.RegressionCli;
import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code spark-submit} entry point: {@code spark-submit --class io.streamwatch.regression.spark.SparkFit
 * streamwatch-regression-spark.jar fit PATH [fit options]} reads PATH with Spark (CSV or Parquet, from any
 * path Spark reads, {@code s3a://} on a cluster), fits it with every pass a Spark job, and prints what the
 * CLI's {@code fit} prints. Outside spark-submit, {@code --master local[N]} starts a local Spark. Exit codes as
 * the CLI's: 0 ok, 1 data or model error (one line), 2 usage.
 */
@Command(name = "streamwatch-regression-spark", mixinStandardHelpOptions = true,
        version = "streamwatch-regression-spark 1.0", subcommands = SparkFit.Fit.class,
        description = "The regression CLI's fit on Apache Spark: same options, same output.")
public final class SparkFit {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String... args) {
        return RegressionCli.withOneLineErrors(new CommandLine(new SparkFit())).execute(args);
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit OLS on Spark and print the summary, as the regression CLI's fit does.")
    static final class Fit implements Callable<Integer> {

        @Parameters(paramLabel = "PATH", description = "CSV file with a header, directory of CSV parts, or "
                + "Parquet; any path Spark reads (s3a://...).")
        String path;

        @Mixin
        ModelOptions model;

        @Option(names = "--test", description = "A separate test file or directory instead of the random split.")
        String test;

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        @Option(names = "--model-out", description = "Write the fitted model (JSON) here, on the driver.")
        Path modelOut;

        @Option(names = "--print-schema", description = "Print the inferred schema first.")
        boolean printSchema;

        @Option(names = "--master", description = "Spark master when not run by spark-submit, e.g. local[2].")
        String master;

        @Option(names = "--format", defaultValue = "auto",
                description = "csv, parquet or auto (parquet for a path ending in .parquet; default ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--delimiter", defaultValue = ",", description = "CSV field delimiter (default '${DEFAULT-VALUE}').")
        char delimiter;

        @Option(names = "--null-token", defaultValue = "NA",
                description = "CSV text read as null besides the empty field (default ${DEFAULT-VALUE}).")
        String nullToken;

        @Override
        public Integer call() throws IOException {
            // What can be refused is refused before Spark starts, as the CLI does.
            if (modelOut != null) {
                Path parent = modelOut.toAbsolutePath().getParent();
                if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
                    throw new IllegalArgumentException("--model-out " + modelOut + ": the directory " + parent
                            + " does not exist; create it or choose another path");
                }
            }
            SparkSession.Builder builder = SparkSession.builder().appName("streamwatch-regression fit");
            if (master != null) {
                builder.master(master).config("spark.ui.enabled", "false");
            }
            SparkSession spark = builder.getOrCreate();
            if (master != null) {
                // A local run prints the summary on stdout; Spark's progress chatter stays off stderr.
                spark.sparkContext().setLogLevel("WARN");
            }
            try {
                SparkInput.Read training = SparkInput.read(spark, path, format, delimiter, nullToken);
                Optional<SparkInput.Read> testRead = Optional.ofNullable(test)
                        .map(t -> SparkInput.read(spark, t, format, delimiter, nullToken));
                WorkflowOptions options = model.workflowOptions(() -> List.of(training.rows().columns()));
                if (printSchema && !json) {
                    System.out.println(SparkColumns.schema(training.rows().schema()).treeString());
                }
                FitReport report = SparkRegression.fit(training, testRead, options);
                System.out.print(json ? ReportJson.toJson(report) + "\n" : SummaryFormatter.format(report));
                if (modelOut != null) {
                    ModelIo.save(report.model(), modelOut);
                    if (!json) {
                        System.out.println("\nModel written to " + modelOut);
                    }
                }
                return 0;
            } finally {
                if (master != null) {
                    spark.stop();
                }
            }
        }
    }
}
