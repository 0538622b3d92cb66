package io.streamwatch.regression.inference;

/**
 * D'Agostino's skewness and Anscombe and Glynn's kurtosis z-scores and their omnibus K² (D'Agostino,
 * Belanger and D'Agostino, "A suggestion for using powerful and informative tests of normality", The
 * American Statistician 44, 1990), as scipy's {@code skewtest}, {@code kurtosistest} and
 * {@code normaltest} compute them from the biased sample skewness and kurtosis.
 */
final class NormalityTests {

    private NormalityTests() {
    }

    /** K² = Z(skew)² + Z(kurtosis)²; χ² with 2 degrees of freedom under normality. */
    static double omnibus(double skew, double kurtosis, long n) {
        double zs = skewZ(skew, n);
        double zk = kurtosisZ(kurtosis, n);
        return zs * zs + zk * zk;
    }

    static double skewZ(double skew, long count) {
        double n = count;
        double y = skew * Math.sqrt((n + 1) * (n + 3) / (6 * (n - 2)));
        double beta2 = 3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
        double w2 = -1 + Math.sqrt(2 * (beta2 - 1));
        double delta = 1 / Math.sqrt(0.5 * Math.log(w2));
        double alpha = Math.sqrt(2 / (w2 - 1));
        if (y == 0) {
            y = 1;
        }
        double ya = y / alpha;
        return delta * Math.log(ya + Math.sqrt(ya * ya + 1));
    }

    static double kurtosisZ(double kurtosis, long count) {
        double n = count;
        double expected = 3 * (n - 1) / (n + 1);
        double variance = 24 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
        double x = (kurtosis - expected) / Math.sqrt(variance);
        double sqrtBeta1 = 6 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9))
                * Math.sqrt(6 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3)));
        double a = 6 + 8 / sqrtBeta1 * (2 / sqrtBeta1 + Math.sqrt(1 + 4 / (sqrtBeta1 * sqrtBeta1)));
        double term1 = 1 - 2 / (9 * a);
        double denominator = 1 + x * Math.sqrt(2 / (a - 4));
        if (denominator == 0) {
            return Double.NaN;
        }
        double term2 = Math.signum(denominator) * Math.cbrt((1 - 2 / a) / Math.abs(denominator));
        return (term1 - term2) / Math.sqrt(2 / (9 * a));
    }
}
