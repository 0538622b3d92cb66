package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.CsvFormatException;
import io.streamwatch.regression.data.CsvReader;
import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.model.FitReport;
import io.streamwatch.regression.model.InvalidPolicy;
import io.streamwatch.regression.model.InvalidRowException;
import io.streamwatch.regression.model.LinearModel;
import io.streamwatch.regression.model.ModelIo;
import io.streamwatch.regression.model.RankDeficientException;
import io.streamwatch.regression.model.RegressionWorkflow;
import io.streamwatch.regression.model.ReportJson;
import io.streamwatch.regression.model.StreamingFit;
import io.streamwatch.regression.model.SummaryFormatter;
import io.streamwatch.regression.model.UnseenLevelPolicy;
import io.streamwatch.regression.model.WorkflowOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streamwatch-regression}: schema, fit, predict. Exit codes: 0 ok, 1 data or model error, 2 usage. */
@Command(name = "streamwatch-regression", mixinStandardHelpOptions = true, version = "streamwatch-regression 1.0",
        description = "Ordinary least squares on CSV files, the Spark MLlib workflow without Spark.",
        subcommands = {RegressionCli.SchemaCommand.class, RegressionCli.FitCommand.class,
                RegressionCli.PredictCommand.class, GenerateCommand.class})
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

    @Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the inferred schema (printSchema).")
    static final class SchemaCommand implements Callable<Integer> {
        @Mixin
        CsvInputOptions csv;

        @Parameters(paramLabel = "FILE", description = "CSV file with a header row.")
        Path file;

        @Override
        public Integer call() {
            DataTable table = new CsvReader(csv.options()).read(file);
            System.out.print(table.schema().treeString());
            System.out.println(table.size() + " rows");
            return 0;
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit OLS and print the summary; optionally save the model and a residual plot.")
    static final class FitCommand implements Callable<Integer> {
        @Mixin
        CsvInputOptions csv;

        @Parameters(paramLabel = "FILE", description = "Training CSV file with a header row.")
        Path file;

        @Option(names = "--label", required = true, description = "The numeric column to predict.")
        String label;

        @Option(names = "--features", required = true, split = ",", description = "Feature columns, comma-separated.")
        List<String> features;

        @Option(names = "--no-intercept", description = "Fit without an intercept.")
        boolean noIntercept;

        @Option(names = "--invalid", defaultValue = "error",
                description = "Rows with a null or unusable feature: error, skip or impute (default ${DEFAULT-VALUE}).")
        InvalidPolicy invalid;

        @Option(names = "--unseen-levels", defaultValue = "error",
                description = "Test/predict rows with a category unseen in training: error (skip the row) or "
                        + "reference (encode as the first level) (default ${DEFAULT-VALUE}).")
        UnseenLevelPolicy unseen;

        @Option(names = "--train-fraction", defaultValue = "0.7", description = "Training share of the random split (default ${DEFAULT-VALUE}).")
        double trainFraction;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the random split (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--test", description = "A separate test CSV instead of the random split.")
        Path test;

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        @Option(names = "--model-out", description = "Write the fitted model (JSON) here.")
        Path modelOut;

        @Option(names = "--plot", description = "Write residual and predicted-vs-actual plots to this PNG.")
        Path plot;

        @Option(names = "--print-schema", description = "Print the inferred schema first.")
        boolean printSchema;

        @Option(names = "--streaming", defaultValue = "auto",
                description = "Constant-memory fit of numeric columns (orthogonal factor, refinement passes): auto (when the file is larger "
                        + "than a quarter of the heap), on or off (default ${DEFAULT-VALUE}).")
        StreamingMode streaming;

        @Option(names = "--threads", description = "Reader threads of the streaming fit (default: all cores).")
        Integer threads;

        @Override
        public Integer call() throws IOException {
            WorkflowOptions options = new WorkflowOptions(label, features, !noIntercept, invalid, unseen,
                    trainFraction, seed);
            if (streaming.use(file)) {
                if (plot != null || test != null) {
                    throw new IllegalArgumentException("--plot and --test need the in-memory fit; add --streaming off");
                }
                FitReport report;
                try (Progress progress = Progress.onConsole(Files.size(file))) {
                    report = StreamingFit.run(file, csv.options(), options,
                            threads == null ? Runtime.getRuntime().availableProcessors() : threads, progress.counter());
                }
                if (printSchema && !json) {
                    // The streaming fit reads the selected columns as numbers: that is its schema.
                    System.out.println(report.schema().treeString());
                }
                System.out.print(json ? ReportJson.toJson(report) + "\n" : SummaryFormatter.format(report));
                if (modelOut != null) {
                    ModelIo.save(report.model(), modelOut);
                    if (!json) {
                        System.out.println("\nModel written to " + modelOut);
                    }
                }
                return 0;
            }
            CsvReader reader = new CsvReader(csv.options());
            DataTable data = reader.read(file);
            if (printSchema && !json) {
                System.out.println(data.schema().treeString());
            }
            Optional<DataTable> testTable = Optional.ofNullable(test).map(reader::read);
            FitReport report = RegressionWorkflow.run(data, testTable, options);
            System.out.print(json ? ReportJson.toJson(report) + "\n" : SummaryFormatter.format(report));
            if (modelOut != null) {
                ModelIo.save(report.model(), modelOut);
                if (!json) {
                    System.out.println("\nModel written to " + modelOut);
                }
            }
            if (plot != null) {
                ResidualPlot.write(report, plot);
                if (!json) {
                    System.out.println("Plot written to " + plot);
                }
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Predict with a saved model: CSV in, CSV out with the id column and the prediction.")
    static final class PredictCommand implements Callable<Integer> {
        @Mixin
        CsvInputOptions csv;

        @Option(names = "--model", required = true, description = "Model file written by fit --model-out.")
        Path model;

        @Option(names = "--input", required = true, description = "CSV with the model's feature columns.")
        Path input;

        @Option(names = "--output", description = "Output CSV (default: standard output).")
        Path output;

        @Option(names = "--id-column", description = "Column copied to the output to identify rows, e.g. Loan_ID.")
        String idColumn;

        @Override
        public Integer call() throws IOException {
            LinearModel fitted = ModelIo.load(model);
            DataTable table = new CsvReader(csv.options()).read(input);
            int id = idColumn == null ? -1 : table.schema().require(idColumn);
            String predictionColumn = "prediction_" + fitted.label();
            long predicted = 0;
            long refused = 0;
            PrintWriter sink = output == null ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
                    : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
            try (CSVPrinter printer = new CSVPrinter(sink, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
                if (id >= 0) {
                    printer.printRecord(idColumn, predictionColumn, "problem");
                } else {
                    printer.printRecord("row", predictionColumn, "problem");
                }
                for (int i = 0; i < table.size(); i++) {
                    Object[] row = table.rows().get(i);
                    LinearModel.Prediction p = fitted.predict(row, table.schema());
                    Object key = id >= 0 ? row[id] : (Object) (i + 1);
                    printer.printRecord(key, p.valid() ? p.value() : "", p.problem());
                    if (p.valid()) {
                        predicted++;
                    } else {
                        refused++;
                    }
                }
            }
            System.err.printf("%d rows predicted, %d without a prediction (see the problem column)%n", predicted, refused);
            return 0;
        }
    }
}
