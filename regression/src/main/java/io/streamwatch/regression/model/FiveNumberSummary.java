package io.streamwatch.regression.model;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** Min, first quartile, median, third quartile, max (quartiles as R's default, type 7). */
public record FiveNumberSummary(double min, double q1, double median, double q3, double max) {

    public static FiveNumberSummary of(double[] values) {
        if (values.length == 0) {
            return new FiveNumberSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(sorted);
        return new FiveNumberSummary(sorted[0], p.evaluate(25), p.evaluate(50), p.evaluate(75),
                sorted[sorted.length - 1]);
    }
}
