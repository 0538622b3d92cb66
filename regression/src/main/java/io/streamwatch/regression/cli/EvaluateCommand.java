package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.TableInput;
import java.util.concurrent.atomic.AtomicLong;
import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.io.ReportJson;
import io.streamwatch.regression.io.SummaryFormatter;
import io.streamwatch.regression.workflow.Evaluation;
import io.streamwatch.regression.workflow.LinearModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evaluate}: a saved model's metrics on a labelled file, as Spark's {@code model.evaluate(df)}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "A saved model's metrics (RMSE, MSE, MAE, R-squared, explained variance, residuals) on a "
                + "labelled file.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CsvInputOptions csv;

    @Option(names = "--model", required = true, description = "Model file written by fit --model-out.")
    Path model;

    @Parameters(paramLabel = "FILE", description = "CSV with the model's feature columns and its label (gzip or "
            + "not), a Parquet file, a directory of part files, or the same on S3 (s3://...).")
    String file;

    @Option(names = "--json", description = "Print the metrics as JSON: the object fit --json prints as 'test'.")
    boolean json;

    @Option(names = "--threads", description = "Reader threads for plain files (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        LinearModel fitted = ModelIo.load(model);
        Evaluation evaluation;
        try (TableInput input = TableInput.open(file, new AtomicLong())) {
            evaluation = Evaluation.run(input, csv.options(), fitted, Readers.threads(threads));
        }
        if (evaluation.metrics().isEmpty()) {
            throw new IllegalArgumentException("no usable rows in " + file + ": " + evaluation.read() + " read, "
                    + evaluation.nullLabel() + " with a null label, " + evaluation.skipped() + " left out as invalid");
        }
        System.out.print(json ? ReportJson.toJson(evaluation.metrics().get()) + "\n"
                : SummaryFormatter.format(evaluation, fitted.label()));
        System.err.println(evaluation.how());
        return 0;
    }
}
