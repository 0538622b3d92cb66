package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.TableInput;
import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.io.ResidualPlot;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.InfluenceRows;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.TestRows;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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

    @Parameters(paramLabel = "FILE", description = "Training data: a CSV file with a header row (gzip or not), a "
            + "Parquet file, a directory of part files, or the same on S3 (s3://bucket/key, s3://bucket/prefix/).")
    String file;

    /** The training input, opened once for the whole command. */
    private TableInput training;

    /** What to fit and how: the options {@code SparkFit} shares. */
    @Mixin
    ModelOptions model;

    @Option(names = "--influence", paramLabel = "FILE",
            description = "Write each training row used, in file order, as CSV: row (the data row's ordinal), "
                    + "hat_diag, standard_resid, student_resid, cooks_d, dffits (statsmodels' OLSInfluence). One "
                    + "more pass; the summary names the rows with the largest Cook's distance.")
    Path influence;

    @Option(names = "--test", description = "Separate test data (CSV or Parquet, a file, a directory of parts or an "
            + "s3:// URI) instead of the random split.")
    String test;

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

    /** The model options; a formula is read against the training input's columns. */
    private WorkflowOptions options() {
        try {
            return model.workflowOptions(() -> Readers.header(training, csv.options()));
        } catch (ModelOptions.Misuse e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException {
        if (streaming != null) {
            System.err.println("Warning: --streaming is deprecated and ignored: every fit streams, in constant "
                    + "memory, with the same answer at any file size");
        }
        // What can be refused is refused before the fit: the input, the output paths, the options.
        AtomicLong fetching = new AtomicLong();
        try (TableInput input = TableInput.open(file, fetching);
             TableInput testInput = test == null ? null : TableInput.open(test, fetching)) {
            training = input;
            return fit(input, Optional.ofNullable(testInput));
        }
    }

    private int fit(TableInput input, Optional<TableInput> testInput) throws IOException {
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
            System.out.println(Readers.inferSchema(input, csv.options(), Readers.threads(null)).schema().treeString());
        }
        FitReport report;
        try (Progress progress = Progress.onConsole(input.size());
             TestOutputFile testRows = testOutput == null ? null : new TestOutputFile(testOutput);
             InfluenceFile influenceRows = influence == null ? null : new InfluenceFile(influence)) {
            report = RegressionWorkflow.run(input, testInput, csv.options(), options,
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
