package io.streamwatch.regression.design;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.solve.DD;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns rows into design-matrix rows with fitted {@link FeatureEncoding}s: optional intercept column,
 * then each {@link Term}'s columns (numeric values and their powers, one-hot indicators, products of
 * them), with imputation. Feature {@code i} is read from the row's slot {@code i}. Without a formula the
 * terms are the features themselves, in order. Immutable and thread-safe.
 */
public final class RowEncoder implements java.io.Serializable {

    private final List<FeatureEncoding> features;
    private final List<Term> terms;
    private final boolean intercept;
    private final InvalidPolicy invalid;
    private final UnseenLevelPolicy unseen;
    /** Whether the terms are the features themselves, in order: decided once, checked on every row. */
    private final boolean mainEffects;

    /** The features as main effects, in order. */
    public RowEncoder(List<FeatureEncoding> features, boolean intercept, InvalidPolicy invalid,
                      UnseenLevelPolicy unseen) {
        this(features, mainEffects(features.size()), intercept, invalid, unseen);
    }

    /** One term per feature, in order. */
    public static List<Term> mainEffects(int features) {
        return java.util.stream.IntStream.range(0, features).mapToObj(Term::of).toList();
    }

    public static final String INTERCEPT = "(Intercept)";

    /** How {@link #encode(Row, double[])} went. */
    public enum Outcome { VALID, IMPUTED, INVALID }

    /**
     * @throws IllegalArgumentException when a term refers to no feature or raises a categorical one to a power
     */
    public RowEncoder(List<FeatureEncoding> features, List<Term> terms, boolean intercept, InvalidPolicy invalid,
                      UnseenLevelPolicy unseen) {
        this.features = List.copyOf(features);
        this.terms = List.copyOf(terms);
        this.intercept = intercept;
        this.invalid = Objects.requireNonNull(invalid, "invalid");
        this.unseen = Objects.requireNonNull(unseen, "unseen");
        this.mainEffects = isMainEffects();
        for (Term term : terms) {
            for (Term.Factor factor : term.factors()) {
                if (factor.feature() < 0 || factor.feature() >= features.size()) {
                    throw new IllegalArgumentException("a term refers to feature " + factor.feature() + " of "
                            + features.size());
                }
                if (factor.power() > 1 && !(features.get(factor.feature()) instanceof FeatureEncoding.Numeric)) {
                    throw new IllegalArgumentException("the categorical feature '" + features.get(factor.feature())
                            .name() + "' cannot be raised to a power");
                }
            }
        }
    }

    public List<FeatureEncoding> features() {
        return features;
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean intercept() {
        return intercept;
    }

    public InvalidPolicy invalid() {
        return invalid;
    }

    public UnseenLevelPolicy unseen() {
        return unseen;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowEncoder e && features.equals(e.features) && terms.equals(e.terms)
                && intercept == e.intercept && invalid == e.invalid && unseen == e.unseen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, terms, intercept, invalid, unseen);
    }

    @Override
    public String toString() {
        return "RowEncoder[features=" + features + ", terms=" + terms + ", intercept=" + intercept + ", invalid="
                + invalid + ", unseen=" + unseen + "]";
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add(INTERCEPT);
        }
        for (Term term : terms) {
            if (isMainEffect(term)) {
                names.addAll(features.get(term.factors().get(0).feature()).columnNames());
                continue;
            }
            List<String> product = List.of("");
            for (Term.Factor factor : term.factors()) {
                FeatureEncoding f = features.get(factor.feature());
                List<String> own = factor.power() > 1 ? List.of("I(" + f.name() + "^" + factor.power() + ")")
                        : f.columnNames();
                List<String> next = new ArrayList<>();
                for (String prefix : product) {
                    for (String name : own) {
                        next.add(prefix.isEmpty() ? name : prefix + ":" + name);
                    }
                }
                product = next;
            }
            names.addAll(product);
        }
        return names;
    }

    private static boolean isMainEffect(Term term) {
        return term.factors().size() == 1 && term.factors().get(0).power() == 1;
    }

    /** The design's width: {@code columnNames().size()}. */
    public int width() {
        int width = intercept ? 1 : 0;
        for (Term term : terms) {
            int columns = 1;
            for (Term.Factor factor : term.factors()) {
                columns *= columns(features.get(factor.feature()), factor);
            }
            width += columns;
        }
        return width;
    }

    /**
     * Encodes one row into {@code out} (at least {@link #width()} long) without allocating; on
     * {@link Outcome#INVALID}, {@link #problem} says why.
     */
    public Outcome encode(Row row, double[] out) {
        return mainEffects ? encodeMainEffects(row, out) : encodeTerms(row, out);
    }

    /** The features as they are, in order: no products, no allocation (the path of every plain fit). */
    private boolean isMainEffects() {
        if (terms.size() != features.size()) {
            return false;
        }
        for (int i = 0; i < terms.size(); i++) {
            Term term = terms.get(i);
            if (term.factors().size() != 1 || term.factors().get(0).feature() != i || term.factors().get(0).power() != 1) {
                return false;
            }
        }
        return true;
    }

    private Outcome encodeMainEffects(Row row, double[] out) {
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

    /**
     * Each feature's value once: a number in {@code number}, or a categorical's level index in
     * {@code level} (-1 for an unseen level encoded as the reference).
     */
    private Outcome readFeatures(Row row, double[] number, int[] level) {
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
                number[slot] = v;
            } else {
                FeatureEncoding.Categorical categorical = (FeatureEncoding.Categorical) feature;
                int index = categorical.indexOf(isNull ? categorical.impute().orElseThrow() : row.text(slot));
                if (index < 0 && unseen == UnseenLevelPolicy.ERROR) {
                    return Outcome.INVALID;
                }
                level[slot] = index;
            }
        }
        return imputed ? Outcome.IMPUTED : Outcome.VALID;
    }

    private Outcome encodeTerms(Row row, double[] out) {
        double[] number = new double[features.size()];
        int[] level = new int[features.size()];
        Outcome read = readFeatures(row, number, level);
        if (read == Outcome.INVALID) {
            return read;
        }
        boolean imputed = read == Outcome.IMPUTED;
        int j = 0;
        if (intercept) {
            out[j++] = 1;
        }
        for (Term term : terms) {
            int start = j;
            out[j++] = 1;
            for (Term.Factor factor : term.factors()) {
                FeatureEncoding feature = features.get(factor.feature());
                int width = j - start;
                if (feature instanceof FeatureEncoding.Numeric) {
                    double v = power(number[factor.feature()], factor.power());
                    for (int k = start; k < j; k++) {
                        out[k] *= v;
                    }
                    if (!Double.isFinite(v)) {
                        return Outcome.INVALID;
                    }
                } else {
                    int levels = ((FeatureEncoding.Categorical) feature).levels().size() - 1;
                    int index = level[factor.feature()];
                    // Expand in place from the back: each existing column times each indicator, last fastest.
                    for (int c = width - 1; c >= 0; c--) {
                        double base = out[start + c];
                        for (int l = levels - 1; l >= 0; l--) {
                            out[start + c * levels + l] = l + 1 == index ? base : 0;
                        }
                    }
                    j = start + width * levels;
                }
            }
        }
        return imputed ? Outcome.IMPUTED : Outcome.VALID;
    }

    /** Whether a term raises a feature to a power: the values are then worth building in extended precision. */
    public boolean hasPowers() {
        return terms.stream().anyMatch(t -> t.factors().stream().anyMatch(f -> f.power() > 1));
    }

    /**
     * {@link #encode} in double-double: each number from the decimal as written ({@link DD#parse}), so
     * powers and products carry about 32 digits. Needs the rows' text ({@link Row#text}).
     *
     * @return the outcome; the design row in {@code out} when not {@link Outcome#INVALID}
     */
    public Outcome encodeExtended(Row row, DD[] out) {
        double[] values = new double[features.size()];
        int[] level = new int[features.size()];
        Outcome read = readFeatures(row, values, level);
        if (read == Outcome.INVALID) {
            return read;
        }
        boolean imputed = read == Outcome.IMPUTED;
        DD[] number = new DD[features.size()];
        for (int slot = 0; slot < features.size(); slot++) {
            if (features.get(slot) instanceof FeatureEncoding.Numeric) {
                number[slot] = row.isNull(slot) ? DD.of(values[slot]) : exact(row.text(slot), values[slot]);
            }
        }
        int j = 0;
        if (intercept) {
            out[j++] = DD.ONE;
        }
        for (Term term : terms) {
            int start = j;
            out[j++] = DD.ONE;
            for (Term.Factor factor : term.factors()) {
                FeatureEncoding feature = features.get(factor.feature());
                int width = j - start;
                if (feature instanceof FeatureEncoding.Numeric) {
                    DD v = number[factor.feature()];
                    DD p = v;
                    for (int i = 1; i < factor.power(); i++) {
                        p = p.multiply(v);
                    }
                    for (int k = start; k < j; k++) {
                        out[k] = out[k].multiply(p);
                    }
                } else {
                    int levels = ((FeatureEncoding.Categorical) feature).levels().size() - 1;
                    int index = level[factor.feature()];
                    for (int c = width - 1; c >= 0; c--) {
                        DD base = out[start + c];
                        for (int l = levels - 1; l >= 0; l--) {
                            out[start + c * levels + l] = l + 1 == index ? base : DD.ZERO;
                        }
                    }
                    j = start + width * levels;
                }
            }
        }
        return imputed ? Outcome.IMPUTED : Outcome.VALID;
    }

    /** The decimal as written, or the double when the text is not a decimal (a boolean). */
    private static DD exact(String text, double value) {
        try {
            return DD.parse(text);
        } catch (NumberFormatException e) {
            return DD.of(value);
        }
    }

    private static int columns(FeatureEncoding feature, Term.Factor factor) {
        return feature instanceof FeatureEncoding.Numeric || factor.power() > 1 ? 1 : feature.columnNames().size();
    }

    private static double power(double v, int k) {
        double p = v;
        for (int i = 1; i < k; i++) {
            p *= v;
        }
        return p;
    }

    /** Why {@link #encode(Row, double[])} refused the row: "column: reason". */
    public String problem(Row row) {
        String problem = valueProblem(row);
        return problem.isEmpty() ? "a product of its values is not a finite number" : problem;
    }

    private String valueProblem(Row row) {
        for (int slot = 0; slot < features.size(); slot++) {
            FeatureEncoding feature = features.get(slot);
            if (row.isNull(slot)) {
                if (!canImpute(feature)) {
                    return feature.name() + ": null";
                }
            } else if (feature instanceof FeatureEncoding.Numeric) {
                if (!Double.isFinite(row.number(slot))) {
                    return feature.name() + ": " + io.streamwatch.regression.data.Values.whyNotANumber(row.text(slot));
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
