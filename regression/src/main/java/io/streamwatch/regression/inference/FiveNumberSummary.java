package io.streamwatch.regression.inference;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Min, first quartile, median, third quartile, max (quartiles as R's default, type 7).
 *
 * @param sampled how many values the quartiles come from; below the count of values, they are the
 *                quartiles of a uniform sample (min and max stay exact)
 */
public record FiveNumberSummary(double min, double q1, double median, double q3, double max, long sampled) {

    public static FiveNumberSummary of(double[] values) {
        return of(values, values.length == 0 ? Double.NaN : Arrays.stream(values).min().getAsDouble(),
                values.length == 0 ? Double.NaN : Arrays.stream(values).max().getAsDouble());
    }

    /** Quartiles of {@code sample}, with the exact extremes of all values. */
    public static FiveNumberSummary of(double[] sample, double min, double max) {
        if (sample.length == 0) {
            return new FiveNumberSummary(min, Double.NaN, Double.NaN, Double.NaN, max, 0);
        }
        // Selection (Percentile's KthSelector with its pivot cache), not a full sort: three order statistics of
        // up to a million residuals in linear time.
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(sample);
        return new FiveNumberSummary(min, p.evaluate(25), p.evaluate(50), p.evaluate(75), max, sample.length);
    }
}
