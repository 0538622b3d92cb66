package io.streamwatch.regression.design;

import io.streamwatch.regression.data.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns rows into design-matrix rows with fitted {@link FeatureEncoding}s: optional intercept column,
 * numeric values, one-hot indicators, imputation. Feature {@code i} is read from the row's slot {@code i}.
 * Immutable and thread-safe.
 */
public record RowEncoder(List<FeatureEncoding> features, boolean intercept, InvalidPolicy invalid,
                         UnseenLevelPolicy unseen) {

    public static final String INTERCEPT = "(Intercept)";

    /** How {@link #encode(Row, double[])} went. */
    public enum Outcome { VALID, IMPUTED, INVALID }

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

    /** The design's width: {@code columnNames().size()}. */
    public int width() {
        int width = intercept ? 1 : 0;
        for (FeatureEncoding f : features) {
            width += f.columnNames().size();
        }
        return width;
    }

    /**
     * Encodes one row into {@code out} (at least {@link #width()} long) without allocating; on
     * {@link Outcome#INVALID}, {@link #problem} says why.
     */
    public Outcome encode(Row row, double[] out) {
        int j = 0;
        if (intercept) {
            out[j++] = 1;
        }
        boolean imputed = false;
        for (int slot = 0; slot < features.size(); slot++) {
            FeatureEncoding feature = features.get(slot);
            boolean isNull = row.isNull(slot);
            if (isNull && !canImpute(feature)) {
                return Outcome.INVALID;
            }
            imputed |= isNull;
            if (feature instanceof FeatureEncoding.Numeric numeric) {
                double v = isNull ? numeric.impute().getAsDouble() : row.number(slot);
                if (!Double.isFinite(v)) {
                    return Outcome.INVALID;
                }
                out[j++] = v;
            } else {
                FeatureEncoding.Categorical categorical = (FeatureEncoding.Categorical) feature;
                int index = categorical.indexOf(isNull ? categorical.impute().orElseThrow() : row.text(slot));
                if (index < 0 && unseen == UnseenLevelPolicy.ERROR) {
                    return Outcome.INVALID;
                }
                for (int k = 1; k < categorical.levels().size(); k++) {
                    out[j++] = k == index ? 1 : 0;
                }
            }
        }
        return imputed ? Outcome.IMPUTED : Outcome.VALID;
    }

    /** Why {@link #encode(Row, double[])} refused the row: "column: reason". */
    public String problem(Row row) {
        for (int slot = 0; slot < features.size(); slot++) {
            FeatureEncoding feature = features.get(slot);
            if (row.isNull(slot)) {
                if (!canImpute(feature)) {
                    return feature.name() + ": null";
                }
            } else if (feature instanceof FeatureEncoding.Numeric) {
                if (!Double.isFinite(row.number(slot))) {
                    return feature.name() + ": not a number: " + row.text(slot);
                }
            } else if (((FeatureEncoding.Categorical) feature).indexOf(row.text(slot)) < 0
                    && unseen == UnseenLevelPolicy.ERROR) {
                return feature.name() + ": level '" + row.text(slot) + "' was not seen in training";
            }
        }
        return "";
    }

    private boolean canImpute(FeatureEncoding feature) {
        return invalid == InvalidPolicy.IMPUTE && feature.canImpute();
    }
}
