package io.streamwatch.regression.model;

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

    public static RegressionMetrics of(double[] actual, double[] predicted) {
        int n = actual.length;
        if (n == 0) {
            return new RegressionMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    FiveNumberSummary.of(new double[0]));
        }
        double mean = 0;
        for (double v : actual) {
            mean += v;
        }
        mean /= n;
        double sse = 0;
        double sae = 0;
        double sst = 0;
        double ssr = 0;
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            double r = actual[i] - predicted[i];
            residuals[i] = r;
            sse += r * r;
            sae += Math.abs(r);
            sst += (actual[i] - mean) * (actual[i] - mean);
            ssr += (predicted[i] - mean) * (predicted[i] - mean);
        }
        return new RegressionMetrics(n, sse / n, Math.sqrt(sse / n), sae / n, 1 - sse / sst, ssr / n,
                FiveNumberSummary.of(residuals));
    }
}
