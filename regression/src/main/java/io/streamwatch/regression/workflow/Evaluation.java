package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.TableInput;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.RowSplit;
import io.streamwatch.regression.inference.MetricsAccumulator;
import io.streamwatch.regression.inference.RegressionMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A saved model's metrics on a labelled file (Spark's {@code model.evaluate}): the rows with a label, encoded
 * as the model encodes them (its invalid-value and unseen-level policies), in two streaming passes — one
 * that counts the usable rows, one that measures them (residual quartiles exact up to
 * {@link RegressionWorkflow#QUARTILE_SAMPLE} rows, from a deterministic sample above).
 *
 * @param source  the file, as given
 * @param read    rows read
 * @param nullLabel rows dropped for a null label
 * @param skipped rows left out as invalid
 * @param imputed rows used with imputed values
 * @param metrics the metrics of the rows used; empty when none is
 * @param how     how the file was read
 */
public record Evaluation(String source, long read, long nullLabel, long skipped, long imputed,
                         Optional<RegressionMetrics> metrics, String how) {

    /**
     * @throws io.streamwatch.regression.design.InvalidRowException under the model's {@code error} policy,
     *                                                              naming the first invalid row
     * @throws IllegalArgumentException when the label column is not numeric or missing
     */
    public static Evaluation run(Path file, CsvOptions csv, LinearModel model, int threads) {
        try (TableInput input = TableInput.local(file)) {
            return run(input, csv, model, threads);
        }
    }

    /** The same, on a located input (a CSV or Parquet file, directory or S3 object). */
    public static Evaluation run(TableInput file, CsvOptions csv, LinearModel model, int threads) {
        List<String> columns = new ArrayList<>(model.featureColumns());
        columns.add(model.label());
        Set<String> text = Set.copyOf(model.encoder().features().stream()
                .filter(f -> f instanceof io.streamwatch.regression.design.FeatureEncoding.Categorical)
                .map(f -> f.name()).toList());
        Readers.Read<Evaluation> read = Readers.read(file, Optional.empty(), csv, columns, text, c -> false, threads,
                new AtomicLong(), (source, none) -> run(source, model, ""));
        Evaluation e = read.result();
        return new Evaluation(e.source(), e.read(), e.nullLabel(), e.skipped(), e.imputed(), e.metrics(), read.how());
    }

    /** The same on any row source whose slots are the model's features, then its label. */
    public static Evaluation run(RowSource source, LinearModel model, String how) {
        int labelSlot = model.featureColumns().size();
        if (!source.columns().columns().get(labelSlot).type().isNumeric()) {
            throw new IllegalArgumentException("the label '" + model.label() + "' must be numeric, but it is "
                    + source.columns().columns().get(labelSlot).type().sparkName()
                    + source.firstNonNumber(labelSlot).map(v -> " (" + v + ")").orElse(""));
        }
        Plan plan = new Plan(model.encoder(), model.encoder().width(), labelSlot, model.label(), -1, Double.NaN,
                RowSplit.ALL_TRAINING, false);
        // All rows are test rows to a factor pass: it counts them, and factors none.
        FactorPass counted = FactorPass.merge(source.scan(() -> new FactorPass(plan, true, false)));
        PartCounts counts = counted.test;
        if (model.encoder().invalid() == InvalidPolicy.ERROR) {
            counts.requireNoInvalid(source.name());
        }
        Optional<RegressionMetrics> metrics = Optional.empty();
        if (counts.used > 0) {
            Sampling sampling = new Sampling(0, counts.used);
            double[] b = model.coefficients();
            List<Measure> parts = source.scan(() -> new Measure(plan, b, sampling));
            MetricsAccumulator all = parts.get(0).metrics;
            parts.stream().skip(1).forEach(p -> all.merge(p.metrics));
            metrics = Optional.of(all.metrics());
        }
        return new Evaluation(source.name(), counted.read, counted.nullLabel, counts.skipped, counts.imputed, metrics,
                how);
    }

    /** The measuring pass's share of the rows. */
    private static final class Measure implements RowSource.Sink {
        final MetricsAccumulator metrics = new MetricsAccumulator();
        private final Plan plan;
        private final double[] b;
        private final Sampling sampling;
        private final double[] design;

        Measure(Plan plan, double[] b, Sampling sampling) {
            this.plan = plan;
            this.b = b;
            this.sampling = sampling;
            this.design = plan.buffer();
        }

        @Override
        public void accept(Row row) {
            if (!plan.labelled(row)) {
                return;
            }
            Status status = plan.encode(row, design);
            if (status == Status.INVALID || status == Status.ZERO_WEIGHT) {
                return;
            }
            long key = row.ordinal() + 1;
            metrics.add(design[plan.width()], LinearModel.dot(design, b), sampling.keepResidual(key, true), false);
        }
    }
}
