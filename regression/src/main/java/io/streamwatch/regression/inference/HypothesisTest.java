package io.streamwatch.regression.inference;

/**
 * A joint test of linear restrictions {@code R b = q} under the fit's covariance V, as statsmodels'
 * {@code results.f_test(...)}: {@code F = (Rb - q)' (R V R')⁺ (Rb - q) / J}, J the rank of {@code R V R'}.
 *
 * @param hypothesis the restrictions as written
 * @param statistic  F
 * @param pValue     its upper tail in F(dfNum, dfDenom)
 * @param dfNum      J
 * @param dfDenom    the residual degrees of freedom; G - 1 under clustering (two-way: the smaller)
 */
public record HypothesisTest(String hypothesis, double statistic, double pValue, int dfNum, long dfDenom) {
}
