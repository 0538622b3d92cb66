package io.streamwatch.regression.model;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Learns each feature's encoding (levels, imputation values) from the training rows only. */
public final class EncoderFitter {

    private EncoderFitter() {
    }

    public static RowEncoder fit(Schema schema, List<Object[]> trainingRows, List<String> features, boolean intercept,
                                 InvalidPolicy invalid, UnseenLevelPolicy unseen) {
        if (features.isEmpty()) {
            throw new IllegalArgumentException("choose at least one feature");
        }
        List<FeatureEncoding> encodings = new ArrayList<>();
        for (String name : features) {
            Column column = schema.column(name);
            int index = schema.require(name);
            if (column.type() == ColumnType.STRING) {
                encodings.add(categorical(name, index, trainingRows));
            } else {
                encodings.add(numeric(name, index, trainingRows));
            }
        }
        return new RowEncoder(encodings, intercept, invalid, unseen);
    }

    private static FeatureEncoding numeric(String name, int index, List<Object[]> rows) {
        double sum = 0;
        long count = 0;
        for (Object[] row : rows) {
            Object v = row[index];
            if (v instanceof Number n) {
                sum += n.doubleValue();
                count++;
            } else if (v instanceof Boolean b) {
                sum += b ? 1 : 0;
                count++;
            }
        }
        return new FeatureEncoding.Numeric(name, count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count));
    }

    private static FeatureEncoding categorical(String name, int index, List<Object[]> rows) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : rows) {
            if (row[index] != null) {
                counts.merge(row[index].toString(), 1L, Long::sum);
            }
        }
        // The mode; ties go to the first level in sorted order, so imputation is deterministic.
        Optional<String> mode = counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
        return new FeatureEncoding.Categorical(name, new ArrayList<>(counts.keySet()), mode);
    }
}
