package io.streamwatch.regression.inference;

/**
 * Error metrics of predictions against actual values, as Spark's {@code RegressionMetrics} defines them.
 *
 * @param n                 rows
 * @param mse               mean squared error
 * @param rmse              root mean squared error
 * @param mae               mean absolute error
 * @param r2                1 - SSE/SST with SST about the mean of the actual values
 * @param explainedVariance Spark's explained variance: sum((prediction - mean(actual))^2) / n
 * @param residuals         five-number summary of actual - prediction
 */
public record RegressionMetrics(long n, double mse, double rmse, double mae, double r2, double explainedVariance,
                                FiveNumberSummary residuals) {

    /** The metrics of predictions held in memory. */
    public static RegressionMetrics of(double[] actual, double[] predicted) {
        MetricsAccumulator metrics = new MetricsAccumulator();
        for (int i = 0; i < actual.length; i++) {
            metrics.add(actual[i], predicted[i], true, false);
        }
        return metrics.metrics();
    }
}
