package io.streamwatch.regression.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

/**
 * Relative agreement with reference values, recording the worst per quantity: the tests assert a bound, and
 * print what they reached (the report gives the worst agreement per quantity).
 */
final class Agreement {

    private final String name;
    private final Map<String, double[]> worst = new TreeMap<>();

    Agreement(String name) {
        this.name = name;
    }

    /** |actual - expected| / |expected| ≤ bound (both NaN agree; an expected 0 compares absolutely). */
    synchronized void check(String quantity, double actual, double expected, double bound, String where) {
        check(quantity, actual, expected, Math.abs(expected), bound, where);
    }

    /**
     * |actual - expected| / scale ≤ bound: for a value that comes from a subtraction (an interval's bound near
     * zero), relative to the size of what it was computed from.
     */
    synchronized void check(String quantity, double actual, double expected, double scale, double bound,
                            String where) {
        double error = Double.isNaN(expected) && Double.isNaN(actual) ? 0
                : scale == 0 ? Math.abs(actual) : Math.abs(actual - expected) / scale;
        double[] w = worst.computeIfAbsent(quantity, q -> new double[] {0, 0});
        if (error > w[0] || Double.isNaN(error)) {
            w[0] = error;
        }
        w[1]++;
        assertThat(error).as("%s: %s %s = %s, reference %s", name, where, quantity, actual, expected)
                .isLessThanOrEqualTo(bound);
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder("worst relative difference from " + name + ":\n");
        worst.forEach((q, w) -> out.append(String.format(java.util.Locale.ROOT, "  %-24s %9.2e  (%d values)%n", q,
                w[0], (long) w[1])));
        return out.toString();
    }
}
