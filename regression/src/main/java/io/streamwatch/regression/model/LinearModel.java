package io.streamwatch.regression.model;

import io.streamwatch.regression.data.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A fitted model ready to predict and to save: the label, the row encoder (features, levels, imputation
 * values) and the coefficients in design-column order.
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

    /** Predicts one row, or says why it cannot (see {@link RowEncoder.Encoded#problem()}). */
    public Prediction predict(Object[] row, Schema schema) {
        RowEncoder.Encoded encoded = encoder.encode(row, schema);
        if (!encoded.valid()) {
            return new Prediction(Double.NaN, encoded.problem());
        }
        return new Prediction(dot(encoded.values()), "");
    }

    double dot(double[] x) {
        CompensatedSum s = new CompensatedSum();
        for (int j = 0; j < x.length; j++) {
            s.addProduct(x[j], coefficients[j]);
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
