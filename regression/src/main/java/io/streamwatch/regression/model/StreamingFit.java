package io.streamwatch.regression.model;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.NumericCsvScanner;
import io.streamwatch.regression.data.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fit for files larger than memory: one parallel pass over numeric columns accumulating centred
 * co-moments ({@link MomentAccumulator}), then {@link MomentFit}. Rows with a null or non-numeric label or
 * feature follow the invalid policy (error or skip; impute would need the means before the pass).
 */
public final class StreamingFit {

    private StreamingFit() {
    }

    public static FitReport run(Path file, CsvOptions csv, WorkflowOptions options, int threads, AtomicLong progress) {
        if (options.invalid() == InvalidPolicy.IMPUTE) {
            throw new IllegalArgumentException("--invalid impute needs the training means before the pass; the "
                    + "streaming fit supports error or skip");
        }
        List<String> columns = new ArrayList<>(options.features());
        columns.add(options.label());
        int dimensions = columns.size();
        NumericCsvScanner.Result<Accumulating> result = new NumericCsvScanner(csv).scan(file, columns,
                () -> new Accumulating(dimensions, options.intercept()), threads, progress);
        if (options.invalid() == InvalidPolicy.ERROR && result.invalidRows() > 0) {
            throw new InvalidRowException(file + ", " + result.firstInvalid()
                    + " (choose --invalid skip to leave such rows out)");
        }
        MomentAccumulator total = new MomentAccumulator(dimensions, options.intercept());
        result.sinks().forEach(s -> total.merge(s.moments));
        OlsFit fit = MomentFit.fit(total, options.features());

        List<FeatureEncoding> encodings = options.features().stream()
                .<FeatureEncoding>map(f -> new FeatureEncoding.Numeric(f, OptionalDouble.empty())).toList();
        RowEncoder encoder = new RowEncoder(encodings, options.intercept(), InvalidPolicy.SKIP, options.unseen());
        LinearModel model = new LinearModel(options.label(), encoder, encoder.columnNames(), fit.estimates());
        Schema schema = new Schema(columns.stream().map(c -> new Column(c, ColumnType.DOUBLE)).toList());
        long read = result.rows() + result.invalidRows();
        RowCounts counts = new RowCounts(read, 0, read, 0, result.invalidRows(), 0, 0, 0, total.count(), 0);
        return new FitReport(file.toString(), schema, options.label(), counts, fit, Optional.empty(), model,
                new FitReport.Predictions(new double[0], new double[0]), Optional.empty());
    }

    private static final class Accumulating implements NumericCsvScanner.RowSink {
        final MomentAccumulator moments;

        Accumulating(int dimensions, boolean centred) {
            moments = new MomentAccumulator(dimensions, centred);
        }

        @Override
        public void row(double[] values) {
            moments.add(values);
        }
    }
}
