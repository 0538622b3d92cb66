package io.streamwatch.regression.inference;

import io.streamwatch.regression.solve.CompensatedSum;
import java.util.Arrays;

/**
 * {@link RegressionMetrics} of predictions a row at a time, in constant memory: sums in about twice
 * double precision, means and spreads by Welford's update (merged with Chan's formula), so that R² and
 * the explained variance do not cancel away. Rows may carry weights (Spark's {@code weightCol}): sums,
 * means and spreads are then weighted (West's update), and the means divide by the total weight. Quartiles need the residuals themselves: the caller decides
 * which rows' residuals are kept (all of them, up to a limit, gives exact quartiles) and which points are
 * kept for a plot. One accumulator per thread, merged in input order.
 */
public final class MetricsAccumulator implements java.io.Serializable {

    private long n;
    private double weight;
    private final CompensatedSum squares = new CompensatedSum();
    private final CompensatedSum absolute = new CompensatedSum();
    private double actualMean;
    private double actualM2;
    private double predictedMean;
    private double predictedM2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final DoubleList residuals = new DoubleList();
    private final DoubleList pointsActual = new DoubleList();
    private final DoubleList pointsPredicted = new DoubleList();

    /**
     * @param keepResidual whether the row's residual joins the quartiles' sample
     * @param keepPoint    whether the row joins the plot's points
     */
    public void add(double actual, double predicted, boolean keepResidual, boolean keepPoint) {
        add(actual, predicted, 1, keepResidual, keepPoint);
    }

    /** A row with weight {@code w > 0}. */
    public void add(double actual, double predicted, double w, boolean keepResidual, boolean keepPoint) {
        double r = actual - predicted;
        n++;
        weight += w;
        squares.addProduct(w * r, r);
        absolute.add(w * Math.abs(r));
        double d = actual - actualMean;
        actualMean += d * w / weight;
        actualM2 += w * d * (actual - actualMean);
        double e = predicted - predictedMean;
        predictedMean += e * w / weight;
        predictedM2 += w * e * (predicted - predictedMean);
        min = Math.min(min, r);
        max = Math.max(max, r);
        if (keepResidual) {
            residuals.add(r);
        }
        if (keepPoint) {
            pointsActual.add(actual);
            pointsPredicted.add(predicted);
        }
    }

    /** Adds the rows another accumulator saw. */
    public void merge(MetricsAccumulator other) {
        if (other.n == 0) {
            return;
        }
        double total = weight + other.weight;
        double d = other.actualMean - actualMean;
        actualM2 += other.actualM2 + d * d * weight * other.weight / total;
        actualMean += d * other.weight / total;
        double e = other.predictedMean - predictedMean;
        predictedM2 += other.predictedM2 + e * e * weight * other.weight / total;
        predictedMean += e * other.weight / total;
        weight = total;
        n += other.n;
        squares.add(other.squares.value());
        squares.add(other.squares.lowPart());
        absolute.add(other.absolute.value());
        absolute.add(other.absolute.lowPart());
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        residuals.addAll(other.residuals);
        pointsActual.addAll(other.pointsActual);
        pointsPredicted.addAll(other.pointsPredicted);
    }

    public long count() {
        return n;
    }

    /** Spark's definitions; NaN for no rows. */
    public RegressionMetrics metrics() {
        if (n == 0) {
            return new RegressionMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    FiveNumberSummary.of(new double[0]));
        }
        double sse = squares.value();
        // sum w (predicted - mean(actual))^2 = spread of the predictions + W (their mean - mean(actual))^2
        double shift = predictedMean - actualMean;
        double explained = (predictedM2 + weight * shift * shift) / weight;
        return new RegressionMetrics(n, sse / weight, Math.sqrt(sse / weight), absolute.value() / weight,
                1 - sse / actualM2, explained, FiveNumberSummary.of(residuals.toArray(), min, max));
    }

    /** The points kept for a plot: actual and predicted values. */
    public double[][] points() {
        return new double[][] {pointsActual.toArray(), pointsPredicted.toArray()};
    }

    /** A growable array of doubles. */
    private static final class DoubleList implements java.io.Serializable {
        private double[] values = new double[16];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(DoubleList other) {
            if (size + other.size > values.length) {
                values = Arrays.copyOf(values, Math.max(size + other.size, values.length * 2));
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
