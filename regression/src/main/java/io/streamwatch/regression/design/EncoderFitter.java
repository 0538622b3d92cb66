package io.streamwatch.regression.design;

import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.Schema;
import io.streamwatch.regression.solve.CompensatedSum;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns each feature's encoding from the training rows only, a row at a time: a categorical (string)
 * feature's levels and mode, a numeric feature's mean. One fitter per thread, merged in input order.
 * Feature {@code i} is slot {@code i} of the rows.
 */
public final class EncoderFitter implements java.io.Serializable {

    /**
     * More levels than this is refused: the design would be too wide to factor (each row costs the square
     * of its width), and such a column is usually an identifier or free text, not a category.
     */
    public static final int MAX_LEVELS = 1000;

    private final List<String> names;
    private final boolean[] categorical;
    private final CompensatedSum[] sums;
    private final long[] counts;
    private final List<Map<String, Long>> levels = new ArrayList<>();
    private final LevelOrder[] orders;

    /**
     * @param features the feature columns with their types, in slot order
     * @throws IllegalArgumentException when there is no feature
     */
    public EncoderFitter(Schema features) {
        this(features, Set.of());
    }

    /**
     * @param features      the feature columns with their types, in slot order
     * @param numericLevels the categorical features whose levels are numbers ({@code C(x)} of a numeric
     *                      column): their levels are ordered by value, as patsy orders them
     * @throws IllegalArgumentException when there is no feature
     */
    public EncoderFitter(Schema features, Set<String> numericLevels) {
        if (features.columns().isEmpty()) {
            throw new IllegalArgumentException("choose at least one feature");
        }
        int k = features.columns().size();
        names = features.columns().stream().map(c -> c.name()).toList();
        categorical = new boolean[k];
        sums = new CompensatedSum[k];
        counts = new long[k];
        orders = new LevelOrder[k];
        for (int i = 0; i < k; i++) {
            categorical[i] = features.columns().get(i).type() == ColumnType.STRING;
            sums[i] = new CompensatedSum();
            orders[i] = numericLevels.contains(names.get(i)) ? LevelOrder.NUMERIC : LevelOrder.TEXT;
            levels.add(new TreeMap<>(orders[i].comparator()));
        }
    }

    /** Whether the encoding needs a pass over the rows: for levels, or for means to impute. */
    public static boolean needsPass(Schema features, InvalidPolicy invalid) {
        return invalid == InvalidPolicy.IMPUTE
                || features.columns().stream().anyMatch(c -> c.type() == ColumnType.STRING);
    }

    /** The encoder of numeric features without a pass: nothing to learn unless imputing. */
    public static RowEncoder numeric(Schema features, List<Term> terms, boolean intercept, InvalidPolicy invalid,
                                     UnseenLevelPolicy unseen) {
        return new RowEncoder(features.columns().stream()
                .<FeatureEncoding>map(c -> new FeatureEncoding.Numeric(c.name(), OptionalDouble.empty())).toList(),
                terms(terms, features), intercept, invalid, unseen);
    }

    private static List<Term> terms(List<Term> terms, Schema features) {
        return terms.isEmpty() ? RowEncoder.mainEffects(features.columns().size()) : terms;
    }

    /** Adds one training row. */
    public void add(Row row) {
        for (int i = 0; i < names.size(); i++) {
            if (row.isNull(i)) {
                continue;
            }
            if (categorical[i]) {
                Map<String, Long> seen = levels.get(i);
                seen.merge(row.text(i), 1L, Long::sum);
                if (seen.size() > MAX_LEVELS) {
                    throw new IllegalArgumentException("the categorical feature '" + names.get(i) + "' has more than "
                            + MAX_LEVELS + " levels in the training rows; is it an identifier or free text? Drop it "
                            + "from the features");
                }
            } else {
                double v = row.number(i);
                if (Double.isFinite(v)) {
                    sums[i].add(v);
                    counts[i]++;
                }
            }
        }
    }

    /** Adds the rows another fitter saw (later in the input). */
    public void merge(EncoderFitter other) {
        for (int i = 0; i < names.size(); i++) {
            sums[i].add(other.sums[i].value());
            sums[i].add(other.sums[i].lowPart());
            counts[i] += other.counts[i];
            Map<String, Long> mine = levels.get(i);
            other.levels.get(i).forEach((level, n) -> mine.merge(level, n, Long::sum));
        }
    }

    /**
     * @throws IllegalArgumentException when a categorical feature has no level in the training rows
     */
    public RowEncoder encoder(List<Term> terms, boolean intercept, InvalidPolicy invalid, UnseenLevelPolicy unseen) {
        List<FeatureEncoding> encodings = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (categorical[i]) {
                Map<String, Long> seen = levels.get(i);
                // The mode; ties go to the first level in sorted order, so imputation is deterministic.
                Optional<String> mode = seen.entrySet().stream()
                        .max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                                .thenComparing(Map.Entry::getKey, orders[i].comparator().reversed()))
                        .map(Map.Entry::getKey);
                encodings.add(new FeatureEncoding.Categorical(names.get(i), new ArrayList<>(seen.keySet()), mode,
                        orders[i]));
            } else {
                encodings.add(new FeatureEncoding.Numeric(names.get(i), counts[i] == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of(sums[i].value() / counts[i])));
            }
        }
        return new RowEncoder(encodings, terms.isEmpty() ? RowEncoder.mainEffects(names.size()) : terms, intercept,
                invalid, unseen);
    }
}
