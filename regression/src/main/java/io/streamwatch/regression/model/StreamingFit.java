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
 * The fit for files larger than memory, in constant memory: one parallel pass over the numeric columns
 * accumulates the triangular factor of {@code [X y]} by Householder QR ({@link StreamingQr}); then
 * refinement passes ({@link QrFit}) correct the coefficients with residuals computed in about twice
 * double precision, and give the residual sum of squares and the MAE. Rows with a null label are dropped
 * first, as in the in-memory workflow; rows with a null or non-numeric feature (or a non-numeric label)
 * follow the invalid policy (error or skip; impute would need the means before the pass).
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
        boolean intercept = options.intercept();
        int designColumns = options.features().size() + (intercept ? 1 : 0);
        NumericCsvScanner scanner = new NumericCsvScanner(csv);
        // The label is the last column: rows without one are dropped first, as the in-memory workflow does.
        int labelSlot = columns.size() - 1;
        NumericCsvScanner.Result<Factoring> result = scanner.scan(file, columns, labelSlot,
                () -> new Factoring(designColumns + 1, intercept), threads, progress);
        if (options.invalid() == InvalidPolicy.ERROR && result.invalidRows() > 0) {
            throw new InvalidRowException(file + ", " + result.firstInvalid()
                    + " (choose --invalid skip to leave such rows out)");
        }
        StreamingQr total = new StreamingQr(designColumns + 1);
        result.sinks().forEach(s -> total.merge(s.qr));
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add(RowEncoder.INTERCEPT);
        }
        names.addAll(options.features());
        QrFit qrFit = QrFit.of(total, names, intercept);
        while (qrFit.needsPass()) {
            QrFit current = qrFit;
            NumericCsvScanner.Result<Refining> pass = scanner.scan(file, columns, labelSlot,
                    () -> new Refining(current.residuals(), designColumns + 1, intercept), threads, new AtomicLong());
            QrFit.Residuals sums = pass.sinks().get(0).residuals;
            pass.sinks().stream().skip(1).forEach(s -> sums.merge(s.residuals));
            qrFit.refine(sums);
        }
        OlsFit fit = qrFit.result();

        List<FeatureEncoding> encodings = options.features().stream()
                .<FeatureEncoding>map(f -> new FeatureEncoding.Numeric(f, OptionalDouble.empty())).toList();
        RowEncoder encoder = new RowEncoder(encodings, intercept, InvalidPolicy.SKIP, options.unseen());
        LinearModel model = new LinearModel(options.label(), encoder, encoder.columnNames(), fit.estimates());
        Schema schema = new Schema(columns.stream().map(c -> new Column(c, ColumnType.DOUBLE)).toList());
        long labelled = result.rows() + result.invalidRows();
        RowCounts counts = new RowCounts(labelled + result.droppedRows(), result.droppedRows(), labelled, 0,
                result.invalidRows(), 0, 0, 0, total.rows(), 0);
        return new FitReport(file.toString(), schema, options.label(), counts, fit, Optional.empty(), model,
                new FitReport.Predictions(new double[0], new double[0]), Optional.empty());
    }

    /** Puts the column of ones first when the model has an intercept. */
    private static double[] designRow(double[] values, double[] row, boolean intercept) {
        if (intercept) {
            row[0] = 1;
            System.arraycopy(values, 0, row, 1, values.length);
        } else {
            System.arraycopy(values, 0, row, 0, values.length);
        }
        return row;
    }

    private static final class Factoring implements NumericCsvScanner.RowSink {
        final StreamingQr qr;
        private final double[] row;
        private final boolean intercept;

        Factoring(int columns, boolean intercept) {
            this.qr = new StreamingQr(columns);
            this.row = new double[columns];
            this.intercept = intercept;
        }

        @Override
        public void row(double[] values) {
            qr.add(designRow(values, row, intercept));
        }
    }

    private static final class Refining implements NumericCsvScanner.RowSink {
        final QrFit.Residuals residuals;
        private final double[] row;
        private final boolean intercept;

        Refining(QrFit.Residuals residuals, int columns, boolean intercept) {
            this.residuals = residuals;
            this.row = new double[columns];
            this.intercept = intercept;
        }

        @Override
        public void row(double[] values) {
            residuals.add(designRow(values, row, intercept));
        }
    }
}
