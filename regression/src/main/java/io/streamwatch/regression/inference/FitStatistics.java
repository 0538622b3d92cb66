package io.streamwatch.regression.inference;

/**
 * Whole-model statistics of a least-squares fit (the union of Spark's {@code LinearRegressionSummary} and
 * statsmodels' {@code OLS.summary()}).
 *
 * @param n                     observations
 * @param dfModel               model degrees of freedom (coefficients, not counting the intercept)
 * @param dfResidual            residual degrees of freedom, n - coefficients
 * @param rSquared              centred R² with an intercept, uncentred without (as statsmodels and NIST)
 * @param adjustedRSquared      R² adjusted for the degrees of freedom
 * @param residualStandardError sqrt(RSS / dfResidual)
 * @param fStatistic            F test of all slopes being zero (a Wald F under a robust covariance)
 * @param fPValue               its p value, in F(fDfNum, fDfDenom)
 * @param fDfNum                its numerator degrees of freedom: dfModel, or less where a robust covariance
 *                              of the slopes is singular (fewer clusters than slopes), as statsmodels
 * @param fDfDenom              its denominator degrees of freedom: dfResidual, or G - 1 under clustering
 * @param logLikelihood         Gaussian log-likelihood at the estimate
 * @param aic                   Akaike information criterion, -2 logL + 2 k
 * @param bic                   Bayesian information criterion, -2 logL + log(n) k
 * @param conditionNumber       2-norm condition number of the column-scaled design
 * @param training              error metrics on the training rows
 * @param diagnostics           statsmodels' residual diagnostics and condition number
 */
public record FitStatistics(long n, int dfModel, long dfResidual, double rSquared, double adjustedRSquared,
                            double residualStandardError, double fStatistic, double fPValue, int fDfNum,
                            long fDfDenom, double logLikelihood,
                            double aic, double bic, double conditionNumber, RegressionMetrics training,
                            Diagnostics diagnostics) {

    /** Above this the estimates are sensitive to small changes in the data (near-collinear features). */
    public static final double LARGE_CONDITION_NUMBER = 1e3;

    public boolean illConditioned() {
        return conditionNumber > LARGE_CONDITION_NUMBER;
    }
}
