package io.streamwatch.regression.design;

import java.util.Comparator;

/**
 * How a categorical feature's levels are ordered, which decides the reference level (the first) and the
 * order of its one-hot columns.
 */
public enum LevelOrder {

    /** As strings: the order for text columns. */
    TEXT(Comparator.naturalOrder()),

    /**
     * By numeric value, as patsy orders {@code C(x)} of a numeric column ({@code 2 < 10}, where text order has
     * {@code "10" < "2"}); equal values by their text, and anything that is not a number after every number,
     * by its text, so the order is total and a level never seen in training still has a place.
     */
    NUMERIC(Comparator.comparingDouble(LevelOrder::valueOrInfinity)
            .thenComparing(LevelOrder::isNumber, Comparator.reverseOrder())
            .thenComparing(Comparator.naturalOrder()));

    private final Comparator<String> comparator;

    LevelOrder(Comparator<String> comparator) {
        this.comparator = comparator;
    }

    public Comparator<String> comparator() {
        return comparator;
    }

    private static boolean isNumber(String level) {
        return !Double.isNaN(value(level));
    }

    private static double valueOrInfinity(String level) {
        double v = value(level);
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static double value(String level) {
        try {
            return Double.parseDouble(level.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
