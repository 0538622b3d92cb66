package io.streamwatch.regression.inference;

/**
 * The residual diagnostics of statsmodels' {@code OLS.fit().summary()}, with its definitions.
 *
 * @param omnibus         D'Agostino and Pearson's K² test of normality (scipy's {@code normaltest}):
 *                        the squares of the skewness and kurtosis z-scores, summed
 * @param omnibusP        its p value (χ² with 2 degrees of freedom)
 * @param skew            the residuals' skewness, m3 / m2^1.5 (biased, central moments)
 * @param kurtosis        their kurtosis, m4 / m2² (not in excess: 3 for a normal sample)
 * @param durbinWatson    Σ (r_t - r_{t-1})² / Σ r_t², in file order: about 2 without serial correlation
 * @param jarqueBera      n/6 (skew² + (kurtosis - 3)²/4)
 * @param jarqueBeraP     its p value (χ² with 2 degrees of freedom)
 * @param conditionNumber statsmodels' {@code Cond. No.}: the 2-norm condition number of the design as
 *                        given (not column-scaled; large when columns differ in scale)
 */
public record Diagnostics(double omnibus, double omnibusP, double skew, double kurtosis, double durbinWatson,
                          double jarqueBera, double jarqueBeraP, double conditionNumber) {
}
