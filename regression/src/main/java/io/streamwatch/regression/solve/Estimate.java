package io.streamwatch.regression.solve;

/**
 * A least-squares estimate with what inference needs.
 *
 * @param coefficients     b, in design-column order
 * @param covarianceFactor {@code (X'X)^-1}: the coefficients' covariance is σ² times this
 * @param rss              residual sum of squares at b
 * @param tss              total sum of squares: about the mean with an intercept, about zero without
 * @param n                rows
 * @param conditionNumber  2-norm condition number of the design with its columns scaled to about unit length
 */
public record Estimate(double[] coefficients, double[][] covarianceFactor, double rss, double tss, long n,
                       double conditionNumber) {
}
