package io.streamwatch.regression.model;

import io.streamwatch.regression.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns table rows into design-matrix rows with fitted {@link FeatureEncoding}s: optional intercept
 * column, numeric values, one-hot indicators, imputation.
 */
public record RowEncoder(List<FeatureEncoding> features, boolean intercept, InvalidPolicy invalid,
                         UnseenLevelPolicy unseen) {

    public static final String INTERCEPT = "(Intercept)";

    public RowEncoder {
        features = List.copyOf(features);
        Objects.requireNonNull(invalid, "invalid");
        Objects.requireNonNull(unseen, "unseen");
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add(INTERCEPT);
        }
        features.forEach(f -> names.addAll(f.columnNames()));
        return names;
    }

    /**
     * Encodes one row.
     *
     * @return the design row, or why the row cannot be used (null value without imputation, unseen level)
     */
    public Encoded encode(Object[] row, Schema schema) {
        double[] out = new double[columnNames().size()];
        int j = 0;
        if (intercept) {
            out[j++] = 1;
        }
        boolean imputed = false;
        for (FeatureEncoding feature : features) {
            Object value = row[schema.require(feature.name())];
            if (feature instanceof FeatureEncoding.Numeric numeric) {
                if (value == null) {
                    if (invalid != InvalidPolicy.IMPUTE || numeric.impute().isEmpty()) {
                        return Encoded.invalid(feature.name(), "null");
                    }
                    out[j++] = numeric.impute().getAsDouble();
                    imputed = true;
                } else {
                    double v = toDouble(value);
                    if (!Double.isFinite(v)) {
                        return Encoded.invalid(feature.name(), "not a number: " + value);
                    }
                    out[j++] = v;
                }
            } else {
                FeatureEncoding.Categorical categorical = (FeatureEncoding.Categorical) feature;
                String level = value == null ? null : value.toString();
                if (level == null) {
                    if (invalid != InvalidPolicy.IMPUTE || categorical.impute().isEmpty()) {
                        return Encoded.invalid(feature.name(), "null");
                    }
                    level = categorical.impute().get();
                    imputed = true;
                }
                int index = categorical.levels().indexOf(level);
                if (index < 0 && unseen == UnseenLevelPolicy.ERROR) {
                    return Encoded.invalid(feature.name(), "level '" + level + "' was not seen in training");
                }
                for (int k = 1; k < categorical.levels().size(); k++) {
                    out[j++] = k == index ? 1 : 0;
                }
            }
        }
        return new Encoded(out, imputed, "");
    }

    private static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("not numeric: " + value);
    }

    /**
     * An encoded row.
     *
     * @param values  the design row; empty when the row is invalid
     * @param imputed whether a value was imputed
     * @param problem why the row is invalid ("column: reason"), empty when valid
     */
    public record Encoded(double[] values, boolean imputed, String problem) {
        static Encoded invalid(String column, String reason) {
            return new Encoded(new double[0], false, column + ": " + reason);
        }

        public boolean valid() {
            return problem.isEmpty();
        }
    }
}
