package io.streamwatch.regression.cli;

import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.TableInput;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.design.FeatureEncoding;
import io.streamwatch.regression.io.ModelIo;
import io.streamwatch.regression.workflow.LinearModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code predict}: a saved model's predictions for every row of a file, in file order. The rows go to a
 * scratch file, moved to {@code --output} or copied to standard output once every row is predicted, so a
 * failure leaves no half-written output.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a saved model: CSV in, CSV out with the id column and the prediction.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CsvInputOptions csv;

    @Option(names = "--model", required = true, description = "Model file written by fit --model-out.")
    Path model;

    @Option(names = "--input", required = true, description = "CSV with the model's feature columns (gzip or not), "
            + "a Parquet file, a directory of part files, or the same on S3 (s3://...).")
    String input;

    @Option(names = "--output", description = "Output CSV (default: standard output).")
    Path output;

    @Option(names = "--id-column", description = "Column copied to the output to identify rows, e.g. Loan_ID.")
    String idColumn;

    @Option(names = "--threads", description = "Reader threads for unquoted files (default: all cores).")
    Integer threads;

    @Option(names = "--interval", description = "Add statsmodels' summary_frame columns: confidence (mean_se, "
            + "mean_ci_lower, mean_ci_upper) or prediction (those and obs_ci_lower, obs_ci_upper).")
    IntervalKind interval;

    @Option(names = "--level", description = "Level of the --interval columns (default 0.95).")
    Double level;

    enum IntervalKind { CONFIDENCE, PREDICTION }

    @Override
    public Integer call() throws IOException {
        if (level != null && interval == null) {
            throw new IllegalArgumentException("--level sets the level of --interval: add --interval confidence or "
                    + "--interval prediction, or drop --level");
        }
        double at = level == null ? 0.95 : level;
        if (!(at > 0 && at < 1)) {
            throw new IllegalArgumentException("--level must be between 0 and 1, got " + at);
        }
        LinearModel fitted = ModelIo.load(model);
        if (interval != null && fitted.inference().isEmpty()) {
            throw new IllegalArgumentException(ModelIo.formatVersion(model) == 1
                    ? model + " was saved before prediction intervals existed (model format 1); refit it with "
                    + "fit --model-out to predict with --interval"
                    : model + " is a regularized model (--reg-param with an L1 part), which carries no inference: "
                    + "no standard errors, so no intervals; predict without --interval, or fit least squares or "
                    + "ridge for intervals");
        }
        if (output != null) {
            RegressionCli.requireParentDirectory(output, "--output");
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
                Optional.ofNullable(interval).map(k -> fitted.intervals(at)),
                interval == null ? Predictions.Columns.NONE : interval == IntervalKind.PREDICTION
                        ? Predictions.Columns.PREDICTION : Predictions.Columns.CONFIDENCE);
        String keyColumn = idSlot >= 0 ? idColumn : "row";

        // Text columns: the categorical features and the id; an id that is also a numeric feature is read both as
        // a number and as text, which only the general reader does.
        Set<String> text = new HashSet<>();
        fitted.encoder().features().stream().filter(f -> f instanceof FeatureEncoding.Categorical)
                .forEach(f -> text.add(f.name()));
        Optional<String> generalOnly = Optional.empty();
        if (idColumn != null) {
            if (fitted.featureColumns().contains(idColumn) && !text.contains(idColumn)) {
                generalOnly = Optional.of("the id column is also a numeric feature");
            } else {
                text.add(idColumn);
            }
        }
        Path scratch = output == null ? Files.createTempFile("predictions", ".csv")
                : Files.createTempFile(output.toAbsolutePath().getParent(), ".predictions", ".csv.tmp");
        try (TableInput located = TableInput.open(input, new AtomicLong())) {
            Readers.Read<Counts> read = Readers.read(located, Optional.empty(), csv.options(), columns,
                    Set.copyOf(text), c -> false, Readers.threads(threads), new AtomicLong(), generalOnly,
                    (source, none) -> print(source, scratch, predictions, keyColumn, fitted.label()));
            if (output == null) {
                Files.copy(scratch, System.out);
                System.out.flush();
            } else {
                Files.move(scratch, output, StandardCopyOption.REPLACE_EXISTING);
            }
            System.err.printf("%d rows predicted, %d without a prediction (see the problem column); %s%n",
                    read.result().predicted(), read.result().refused(), read.how());
            return 0;
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                System.err.println("could not delete the scratch file " + scratch + ": " + e.getMessage());
            }
        }
    }

    private record Counts(long predicted, long refused) {
    }

    /** Every row's prediction into {@code target}, from the start: the parts in file order. */
    private static Counts print(RowSource source, Path target, Predictions predictions, String keyColumn,
                                String label) {
        try (Predictions.Printer printer = predictions.printer(
                Files.newBufferedWriter(target, StandardCharsets.UTF_8), keyColumn, label)) {
            if (source.sequential()) {
                source.scan(() -> row -> printer.print(predictions.of(row)));
            } else {
                source.scanInOrder(predictions::part, part -> part.results.forEach(printer::print));
            }
            return new Counts(printer.predicted(), printer.refused());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
        }
    }
}
