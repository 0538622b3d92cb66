package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.CsvInput;
import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.design.Formula;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.CovarianceType;
import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.io.ResidualPlot;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.solve.ElasticNet;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.InferenceOptions;
import io.streamwatch.regression.workflow.InfluenceRows;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.TestRows;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fit}: the Spark MLlib walkthrough on a file: split, fit, summary; the model and a plot on request. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit OLS and print the summary; optionally save the model and a residual plot.")
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CsvInputOptions csv;

    @Parameters(paramLabel = "FILE", description = "Training CSV file with a header row (gzip or not), or a "
            + "directory of part files.")
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
            description = "Rows with a null or unusable value (not a finite number in a numeric column): error, "
                    + "skip or impute nulls (default ${DEFAULT-VALUE}).")
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
            description = "Covariance of the coefficients: nonrobust, HC0, HC1, HC2, HC3, cluster (with --groups) "
                    + "or HAC (with --maxlags) (statsmodels' names and definitions; default ${DEFAULT-VALUE}). "
                    + "Standard errors, z/t, p, intervals, the F test and --hypothesis follow it.")
    CovarianceType covariance;

    @Option(names = "--groups", split = ",", paramLabel = "COL",
            description = "The clusters of --cov cluster: one column (one-way), or two (two-way, Cameron-Gelbach-"
                    + "Miller), e.g. --groups firm,year. Memory grows with the groups (and, two-way, the pairs of "
                    + "groups that occur), not with the rows.")
    List<String> groups;

    @Option(names = "--maxlags", paramLabel = "L",
            description = "The Newey-West window of --cov HAC: Bartlett weights 1 - l/(L+1) up to lag L, training "
                    + "rows in file order.")
    Integer maxLags;

    @Option(names = "--hypothesis", paramLabel = "EXPR[, EXPR...]",
            description = "A joint F test of linear restrictions under --cov, in statsmodels' f_test syntax over the "
                    + "design's column names: \"value = capital\", \"value = 0, capital = 0\", \"2*x1 - x3 = 1\" "
                    + "(Intercept for the intercept). Repeatable: one test each.")
    List<String> hypotheses;

    @Option(names = "--influence", paramLabel = "FILE",
            description = "Write each training row used, in file order, as CSV: row (the data row's ordinal), "
                    + "hat_diag, standard_resid, student_resid, cooks_d, dffits (statsmodels' OLSInfluence). One "
                    + "more pass; the summary names the rows with the largest Cook's distance.")
    Path influence;

    @Option(names = "--weight", description = "Column of row weights: weighted least squares (Spark's weightCol, "
            + "statsmodels' WLS). Weights must be >= 0; rows with weight 0 are not used; null or non-finite "
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

    @Option(names = "--test", description = "A separate test CSV (or directory of parts) instead of the random split.")
    Path test;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--model-out", description = "Write the fitted model (JSON) here.")
    Path modelOut;

    @Option(names = "--test-output", description = "Write the test rows used (the split-off part, or the --test "
            + "file's) as CSV: row (the data row's ordinal, 1-based, header excluded), the label, prediction, "
            + "residual (label - prediction), and the weight of a weighted fit.")
    Path testOutput;

    @Option(names = "--plot", description = "Write residual and predicted-vs-actual plots to this PNG file (.png).")
    Path plot;

    @Option(names = "--print-schema", description = "Print the inferred schema first.")
    boolean printSchema;

    @Option(names = "--streaming", hidden = true,
            description = "Deprecated, ignored: every fit streams, in constant memory.")
    String streaming;

    @Option(names = "--threads", description = "Reader threads for plain numeric files (default: all cores).")
    Integer threads;

    private WorkflowOptions options() {
        return baseOptions().withPenalty(new ElasticNet.Penalty(regParam, elasticNet, !noStandardization))
                .withCovariance(covariance, new InferenceOptions(groups == null ? List.of() : groups,
                        maxLags == null ? OptionalInt.empty() : OptionalInt.of(maxLags),
                        hypotheses == null ? List.of() : hypotheses));
    }

    /**
     * --formula, or --label with --features: exactly one of the two; the covariance comes after, with what it
     * needs ({@link #options}).
     */
    private WorkflowOptions baseOptions() {
        Optional<String> weightColumn = Optional.ofNullable(weight);
        if (formula != null) {
            if (label != null || features != null || noIntercept) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--formula replaces --label, --features and --no-intercept; give one or the other");
            }
            Formula parsed = Formula.parse(formula, Readers.header(file, csv.options()), weightColumn);
            return WorkflowOptions.of(parsed, invalid, unseen, trainFraction, seed, CovarianceType.NONROBUST,
                    weightColumn);
        }
        if (label == null || features == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --label and --features, or --formula");
        }
        Set<String> seen = new HashSet<>();
        for (String feature : features) {
            if (!seen.add(feature)) {
                throw new IllegalArgumentException("--features lists '" + feature + "' twice; list each feature once");
            }
        }
        return new WorkflowOptions(label, features, !noIntercept, invalid, unseen, trainFraction, seed,
                CovarianceType.NONROBUST, weightColumn);
    }

    @Override
    public Integer call() throws IOException {
        if (streaming != null) {
            System.err.println("Warning: --streaming is deprecated and ignored: every fit streams, in constant "
                    + "memory, with the same answer at any file size");
        }
        // What can be refused is refused before the fit: the input, the output paths, the options.
        CsvInput input = CsvInput.of(file);
        Optional.ofNullable(test).ifPresent(CsvInput::of);
        if (modelOut != null) {
            RegressionCli.requireParentDirectory(modelOut, "--model-out");
        }
        if (plot != null) {
            if (!plot.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
                throw new IllegalArgumentException("--plot writes PNG images: give a file name ending in .png, not "
                        + plot);
            }
            RegressionCli.requireParentDirectory(plot, "--plot");
        }
        if (testOutput != null) {
            RegressionCli.requireParentDirectory(testOutput, "--test-output");
        }
        if (influence != null) {
            RegressionCli.requireParentDirectory(influence, "--influence");
        }
        WorkflowOptions options = options();
        if (printSchema && !json) {
            System.out.println(Readers.inferSchema(file, csv.options(), Readers.threads(null)).schema().treeString());
        }
        FitReport report;
        try (Progress progress = Progress.onConsole(input.size());
             TestOutputFile testRows = testOutput == null ? null : new TestOutputFile(testOutput);
             InfluenceFile influenceRows = influence == null ? null : new InfluenceFile(influence)) {
            report = RegressionWorkflow.run(file, Optional.ofNullable(test), csv.options(), options,
                    Readers.threads(threads), progress.counter(), testRows == null ? TestRows.NONE : testRows,
                    influenceRows == null ? InfluenceRows.NONE : influenceRows);
            if (testRows != null) {
                testRows.commit();
            }
            if (influenceRows != null) {
                influenceRows.commit();
            }
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
        if (testOutput != null && !json) {
            System.out.println("Test rows written to " + testOutput);
        }
        if (influence != null && !json) {
            System.out.println("Influence of " + report.influence().orElseThrow().rows() + " training rows written to "
                    + influence);
        }
        return 0;
    }
}
