package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.design.RowEncoder;
import io.streamwatch.regression.solve.CompensatedSum;
import java.util.List;
import java.util.Objects;

/**
 * A fitted model ready to predict and to save: the label, the row encoder (features, levels, imputation
 * values) and the coefficients in design-column order. Immutable and thread-safe.
 */
public record LinearModel(String label, RowEncoder encoder, List<String> coefficientNames, double[] coefficients) {

    public LinearModel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(encoder, "encoder");
        coefficientNames = List.copyOf(coefficientNames);
        coefficients = coefficients.clone();
        if (!coefficientNames.equals(encoder.columnNames()) || coefficients.length != coefficientNames.size()) {
            throw new IllegalArgumentException("coefficients " + coefficientNames + " do not match the encoder's columns "
                    + encoder.columnNames());
        }
    }

    /** The model's input columns, in the slot order {@link #predict} reads them. */
    public List<String> featureColumns() {
        return encoder.features().stream().map(f -> f.name()).toList();
    }

    /**
     * Predicts one row whose slots are {@link #featureColumns()}, or says why it cannot (see
     * {@link RowEncoder#problem}).
     */
    public Prediction predict(Row row) {
        double[] x = new double[encoder.width()];
        if (encoder.encode(row, x) == RowEncoder.Outcome.INVALID) {
            return new Prediction(Double.NaN, encoder.problem(row));
        }
        return new Prediction(dot(x, coefficients), "");
    }

    /** {@code x·b} over b's length, in about twice double precision, rounded once. */
    static double dot(double[] x, double[] b) {
        CompensatedSum s = new CompensatedSum();
        for (int j = 0; j < b.length; j++) {
            s.addProduct(x[j], b[j]);
        }
        return s.value();
    }

    /** A prediction, or the reason there is none. */
    public record Prediction(double value, String problem) {
        public boolean valid() {
            return problem.isEmpty();
        }
    }
}
