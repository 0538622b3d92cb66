package io.streamwatch.regression.cli;

import io.streamwatch.regression.io.ResidualPlot;
import io.streamwatch.regression.data.CsvFormatException;
import io.streamwatch.regression.data.CsvFileSource;
import io.streamwatch.regression.data.NotPlainNumericException;
import io.streamwatch.regression.data.NumericCsvSource;
import io.streamwatch.regression.data.ParallelSchemaInference;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.design.FeatureEncoding;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.design.Formula;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.solve.ElasticNet;
import io.streamwatch.regression.design.InvalidRowException;
import io.streamwatch.regression.workflow.LinearModel;
import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.solve.RankDeficientException;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
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

    /** The parallel reader's threads: {@code --threads}, all cores when it is not given. */
    static int readerThreads(Integer threads) {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** The schema the general reader infers, read in parallel when the file allows it (the same schema). */
    static ParallelSchemaInference.Inferred inferSchema(Path file, CsvOptions options) {
        return ParallelSchemaInference.infer(file, options, readerThreads(null))
                .orElseGet(() -> {
                    CsvFileSource source = new CsvFileSource(file, options, List.of());
                    return new ParallelSchemaInference.Inferred(source.schema(), source.rows());
                });
    }

    @Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the inferred schema (printSchema).")
    static final class SchemaCommand implements Callable<Integer> {
        @Mixin
        CsvInputOptions csv;

        @Parameters(paramLabel = "FILE", description = "CSV file with a header row.")
        Path file;

        @Override
        public Integer call() {
            ParallelSchemaInference.Inferred inferred = inferSchema(file, csv.options());
            System.out.print(inferred.schema().treeString());
            System.out.println(inferred.rows() + " rows");
            return 0;
        }
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit OLS and print the summary; optionally save the model and a residual plot.")
    static final class FitCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CsvInputOptions csv;

        @Parameters(paramLabel = "FILE", description = "Training CSV file with a header row.")
        Path file;

        @Option(names = "--label", description = "The numeric column to predict.")
        String label;

        @Option(names = "--features", split = ",", description = "Feature columns, comma-separated.")
        List<String> features;

        @Option(names = "--formula", description = "The model as a formula instead of --label and --features, e.g. "
                + "\"LoanAmount ~ ApplicantIncome * C(Property_Area) + I(ApplicantIncome^2)\": + - : * . C() I(x^k) "
                + "- 1 (see the README).")
        String formula;

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

        @Option(names = "--cov", defaultValue = "nonrobust",
                description = "Covariance of the coefficients: nonrobust, HC0, HC1, HC2 or HC3 (statsmodels' names; "
                        + "default ${DEFAULT-VALUE}). Standard errors, t, p, intervals and the F test follow it.")
        CovarianceType covariance;

        @Option(names = "--weight", description = "Column of row weights: weighted least squares (Spark's weightCol, "
                + "statsmodels' WLS). Weights must be finite and >= 0; rows with weight 0 are not used; null "
                + "weights follow --invalid.")
        String weight;

        @Option(names = "--reg-param", defaultValue = "0", description = "Regularization strength, Spark's regParam "
                + "(default ${DEFAULT-VALUE}: least squares).")
        double regParam;

        @Option(names = "--elastic-net", defaultValue = "0", description = "Elastic-net mixing, Spark's "
                + "elasticNetParam: 0 ridge, 1 lasso (default ${DEFAULT-VALUE}).")
        double elasticNet;

        @Option(names = "--no-standardization", description = "Penalize the coefficients as they are, not those of "
                + "standardized features (Spark's standardization=false).")
        boolean noStandardization;

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

        @Option(names = "--streaming", hidden = true,
                description = "Deprecated, ignored: every fit streams, in constant memory.")
        String streaming;

        @Option(names = "--threads", description = "Reader threads for plain numeric files (default: all cores).")
        Integer threads;

        private WorkflowOptions options() {
            return baseOptions().withPenalty(new ElasticNet.Penalty(regParam, elasticNet, !noStandardization));
        }

        /** --formula, or --label with --features: exactly one of the two. */
        private WorkflowOptions baseOptions() {
            Optional<String> weightColumn = Optional.ofNullable(weight);
            if (formula != null) {
                if (label != null || features != null || noIntercept) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--formula replaces --label, --features and --no-intercept; give one or the other");
                }
                Formula parsed = Formula.parse(formula, CsvFileSource.header(file, csv.options()), weightColumn);
                return WorkflowOptions.of(parsed, invalid, unseen, trainFraction, seed, covariance, weightColumn);
            }
            if (label == null || features == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give --label and --features, or --formula");
            }
            return new WorkflowOptions(label, features, !noIntercept, invalid, unseen, trainFraction, seed, covariance,
                    weightColumn);
        }

        @Override
        public Integer call() throws IOException {
            if (streaming != null) {
                System.err.println("Warning: --streaming is deprecated and ignored: every fit streams, in constant "
                        + "memory, with the same answer at any file size");
            }
            WorkflowOptions options = options();
            if (printSchema && !json) {
                System.out.println(inferSchema(file, csv.options()).schema().treeString());
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            FitReport report;
            try (Progress progress = Progress.onConsole(Files.size(file))) {
                report = RegressionWorkflow.run(file, Optional.ofNullable(test), csv.options(), options,
                        readerThreads(threads), progress.counter());
            }
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

        @Option(names = "--threads", description = "Reader threads for unquoted files (default: all cores).")
        Integer threads;

        @Option(names = "--interval", description = "Add statsmodels' summary_frame columns: confidence (mean_se, "
                + "mean_ci_lower, mean_ci_upper) or prediction (those and obs_ci_lower, obs_ci_upper).")
        IntervalKind interval;

        @Option(names = "--level", defaultValue = "0.95", description = "Interval level (default ${DEFAULT-VALUE}).")
        double level;

        enum IntervalKind { CONFIDENCE, PREDICTION }

        @Override
        public Integer call() throws IOException {
            LinearModel fitted = ModelIo.load(model);
            if (interval != null && fitted.inference().isEmpty()) {
                throw new IllegalArgumentException(model + " was saved before prediction intervals existed (model "
                        + "format 1); refit it with fit --model-out to predict with --interval");
            }
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("--level must be between 0 and 1, got " + level);
            }
            List<String> columns = new ArrayList<>(fitted.featureColumns());
            int idSlot = -1;
            if (idColumn != null) {
                idSlot = columns.indexOf(idColumn);
                if (idSlot < 0) {
                    idSlot = columns.size();
                    columns.add(idColumn);
                }
            }
            Predictions predictions = new Predictions(fitted, idSlot,
                    Optional.ofNullable(interval).map(k -> fitted.intervals(level)),
                    interval == null ? Predictions.Columns.NONE : interval == IntervalKind.PREDICTION
                            ? Predictions.Columns.PREDICTION : Predictions.Columns.CONFIDENCE);
            String keyColumn = idSlot >= 0 ? idColumn : "row";
            Printed printed = print(predictions, columns, keyColumn, fitted);
            System.err.printf("%d rows predicted, %d without a prediction (see the problem column); %s%n",
                    printed.predicted(), printed.refused(), printed.reader());
            return 0;
        }

        /**
         * @param reader how the input was read, for the summary line
         */
        private record Printed(long predicted, long refused, String reader) {
        }

        /**
         * The parallel reader's way when the file is for it, the general reader's otherwise (quotes over
         * several lines, text in a numeric column, an id column that is also a numeric feature), from the start.
         */
        private Printed print(Predictions predictions, List<String> columns, String keyColumn, LinearModel fitted) {
            Set<String> text = new HashSet<>();
            fitted.encoder().features().stream().filter(f -> f instanceof FeatureEncoding.Categorical)
                    .forEach(f -> text.add(f.name()));
            String whyNot = "the id column is also a numeric feature";
            if (idColumn == null || !fitted.featureColumns().contains(idColumn) || text.contains(idColumn)) {
                if (idColumn != null) {
                    text.add(idColumn);
                }
                try {
                    return parallel(predictions, columns, Set.copyOf(text), keyColumn, fitted);
                } catch (NotPlainNumericException notPlain) {
                    whyNot = notPlain.getMessage();
                }
            }
            return general(predictions, columns, keyColumn, fitted, "read record by record (" + whyNot + ")");
        }

        /**
         * Parts of the file predicted on every core and printed in file order, to the output file, or to a
         * scratch file copied to standard output, so a file only the general reader can read leaves nothing
         * half printed.
         *
         * @throws NotPlainNumericException when the file is not for the parallel reader
         */
        private Printed parallel(Predictions predictions, List<String> columns, Set<String> text, String keyColumn,
                                 LinearModel fitted) {
            Path target = output;
            try {
                if (target == null) {
                    target = Files.createTempFile("predictions", ".csv");
                }
                Printed printed;
                try (Predictions.Printer printer = predictions.printer(
                        Files.newBufferedWriter(target, StandardCharsets.UTF_8), keyColumn, fitted.label())) {
                    new NumericCsvSource(input, csv.options(), columns, text,
                            readerThreads(threads), new AtomicLong())
                            .scanInOrder(predictions::part, part -> part.results.forEach(printer::print));
                    printed = new Printed(printer.predicted(), printer.refused(), "read in parallel");
                }
                if (output == null) {
                    Files.copy(target, System.out);
                    System.out.flush();
                }
                return printed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
            } finally {
                if (output == null && target != null) {
                    try {
                        Files.deleteIfExists(target);
                    } catch (IOException e) {
                        System.err.println("could not delete the scratch file " + target + ": " + e.getMessage());
                    }
                }
            }
        }

        /** The general reader's way: each row printed as it is read. */
        private Printed general(Predictions predictions, List<String> columns, String keyColumn, LinearModel fitted,
                                String reader) {
            PrintWriter sink;
            try {
                sink = output == null ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
                        : new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
            }
            try (Predictions.Printer printer = predictions.printer(sink, keyColumn, fitted.label())) {
                new CsvFileSource(input, csv.options(), columns).scan(() -> row -> printer.print(predictions.of(row)));
                return new Printed(printer.predicted(), printer.refused(), reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
            }
        }
    }
}
