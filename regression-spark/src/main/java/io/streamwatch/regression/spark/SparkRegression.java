package io.streamwatch.regression.spark;

import io.streamwatch.regression.cli.ModelOptions;

import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine;

/**
 * The regression engine on a Spark {@link Dataset}: the same fit as the CLI's {@code fit} on the same rows —
 * the same {@link io.streamwatch.regression.workflow.LinearModel}, summary, JSON and model file — with every
 * pass a Spark job whose partitions factor their rows and whose small states (O(p²)) merge on the driver in
 * partition order (see {@link SparkRowSource}). For Java, Scala, and PySpark through the JVM gateway:
 *
 * <pre>{@code
 * SR = spark._jvm.io.streamwatch.regression.spark.SparkRegression
 * report = SR.fit(df._jdf, ["--label", "y", "--features", "x1,x2", "--cov", "HC3"])
 * print(SR.summary(report))
 * }</pre>
 *
 * <p>The seeded split keys on each row's position in the Dataset's partition order: for a Dataset read from one
 * CSV file, its data-row ordinal, so the split is the CLI's. Not thread-safe per Dataset: one fit at a time.
 */
public final class SparkRegression {

    private SparkRegression() {
    }

    /**
     * Fits {@code data} as the CLI's {@code fit} fits a file.
     *
     * @throws IllegalArgumentException naming a missing column, a non-numeric label, or no usable training row
     * @throws io.streamwatch.regression.design.InvalidRowException under {@code --invalid error}, naming the row
     * @throws io.streamwatch.regression.solve.RankDeficientException naming collinear columns
     */
    public static FitReport fit(Dataset<Row> data, WorkflowOptions options) {
        return fit(data, Optional.empty(), options, "Dataset", false);
    }

    /** The same, tested on {@code test} instead of a split-off part. */
    public static FitReport fit(Dataset<Row> training, Dataset<Row> test, WorkflowOptions options) {
        return fit(training, Optional.of(test), options, "Dataset", false);
    }

    /**
     * Fits {@code data} with the CLI's model options ({@code --label}, {@code --features} or {@code --formula},
     * {@code --weight}, {@code --invalid}, {@code --no-intercept}, {@code --cov}, {@code --train-fraction},
     * {@code --seed}, ...), as a list of arguments: the call PySpark makes with a Python list.
     *
     * @throws IllegalArgumentException for options the CLI's {@code fit} would refuse, with its message
     */
    public static FitReport fit(Dataset<Row> data, List<String> fitOptions) {
        ModelOptions model = parse(fitOptions);
        return fit(data, model.workflowOptions(() -> List.of(data.columns())));
    }

    /** The summary {@code fit} prints. */
    public static String summary(FitReport report) {
        return SummaryFormatter.format(report);
    }

    /** The summary as {@code fit --json} prints it. */
    public static String json(FitReport report) {
        return ReportJson.toJson(report);
    }

    /** Writes the model file {@code fit --model-out} writes (on the driver's file system). */
    public static void saveModel(FitReport report, String path) throws IOException {
        ModelIo.save(report.model(), Path.of(path));
    }

    static FitReport fit(Dataset<Row> training, Optional<Dataset<Row>> test, WorkflowOptions options, String name,
                         boolean fileLines) {
        return fit(new SparkInput.Read(training, fileLines, name),
                test.map(t -> new SparkInput.Read(t, fileLines, "test " + name)), options);
    }

    static FitReport fit(SparkInput.Read training, Optional<SparkInput.Read> test, WorkflowOptions options) {
        List<String> columns = RegressionWorkflow.columns(options);
        try (SparkRowSource source = new SparkRowSource(training.rows(), columns, training.name(),
                training.fileLines())) {
            Optional<SparkRowSource> testSource = test.map(t -> new SparkRowSource(t.rows(), columns, t.name(),
                    t.fileLines()));
            try {
                return RegressionWorkflow.run(source, testSource.map(t -> t), options);
            } finally {
                testSource.ifPresent(SparkRowSource::close);
            }
        }
    }

    private static ModelOptions parse(List<String> args) {
        ModelOptions model = new ModelOptions();
        CommandLine cli = new CommandLine(model).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return model;
    }
}
