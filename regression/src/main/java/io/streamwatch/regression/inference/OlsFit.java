package io.streamwatch.regression.inference;

import io.streamwatch.regression.solve.CompensatedSum;
import io.streamwatch.regression.solve.Estimate;
import io.streamwatch.regression.solve.LeastSquares;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * An ordinary least squares fit with its full inference: coefficients with standard errors, t and p
 * values and 95 % intervals, and the model statistics of {@link FitStatistics}.
 */
public record OlsFit(List<Coefficient> coefficients, FitStatistics statistics, boolean intercept) {

    public OlsFit {
        coefficients = List.copyOf(coefficients);
    }

    /**
     * The inference of an estimate.
     *
     * @param names     the design's column names, intercept included
     * @param intercept whether column 0 is the intercept (decides centred vs uncentred R² and the F test)
     * @param training  the error metrics on the training rows
     */
    public static OlsFit of(Estimate estimate, List<String> names, boolean intercept, RegressionMetrics training) {
        long n = estimate.n();
        int p = names.size();
        long dfResidual = n - p;
        int dfModel = p - (intercept ? 1 : 0);
        double rss = estimate.rss();
        double tss = estimate.tss();
        double sigma2 = rss / dfResidual;
        double rSquared = 1 - rss / tss;
        double adjusted = 1 - (n - (intercept ? 1 : 0)) / (double) dfResidual * (1 - rSquared);
        double f = dfModel == 0 ? Double.NaN : ((tss - rss) / dfModel) / sigma2;
        double fP = dfModel == 0 || Double.isNaN(f) ? Double.NaN
                : 1 - new FDistribution(null, dfModel, dfResidual).cumulativeProbability(f);
        double logL = -n / 2.0 * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);

        TDistribution t = new TDistribution(null, dfResidual);
        double critical = t.inverseCumulativeProbability(0.975);
        List<Coefficient> coefficients = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            double b = estimate.coefficients()[j];
            double se = Math.sqrt(sigma2 * estimate.covarianceFactor()[j][j]);
            double tValue = b / se;
            double pValue = 2 * t.cumulativeProbability(-Math.abs(tValue));
            coefficients.add(new Coefficient(names.get(j), b, se, tValue, pValue, b - critical * se, b + critical * se));
        }
        FitStatistics statistics = new FitStatistics(n, dfModel, dfResidual, rSquared, adjusted, Math.sqrt(sigma2),
                f, fP, logL, -2 * logL + 2 * p, -2 * logL + Math.log(n) * p, estimate.conditionNumber(), training);
        return new OlsFit(coefficients, statistics, intercept);
    }

    /**
     * Fits {@code y ~ x} held in memory, with the in-memory solver ({@link LeastSquares}): for data given
     * to more than double precision. The workflow's fits stream instead.
     *
     * @param x         n rows of p values; when {@code intercept}, column 0 must be all ones
     * @param y         n responses
     * @param names     the p column names
     * @param intercept whether column 0 is the intercept
     * @throws io.streamwatch.regression.solve.RankDeficientException naming the collinear columns
     */
    public static OlsFit fit(double[][] x, double[] y, List<String> names, boolean intercept) {
        return fit(LeastSquares.Design.of(x, y), names, intercept);
    }

    /** Fits data given to more than double precision (see {@link LeastSquares.Design}). */
    public static OlsFit fit(LeastSquares.Design design, List<String> names, boolean intercept) {
        LeastSquares.Solution solution = LeastSquares.solve(design, names);
        double[] y = design.yHi();
        int n = y.length;
        CompensatedSum rss = new CompensatedSum();
        for (double r : solution.residuals()) {
            rss.addProduct(r, r);
        }
        double[] fitted = new double[n];
        for (int i = 0; i < n; i++) {
            fitted[i] = y[i] - solution.residuals()[i];
        }
        Estimate estimate = new Estimate(solution.coefficients(), solution.covarianceFactor(), rss.value(),
                totalSumOfSquares(design.yHi(), design.yLo(), intercept), n, solution.conditionNumber());
        return of(estimate, names, intercept, RegressionMetrics.of(y, fitted));
    }

    /** The coefficient estimates in column order. */
    public double[] estimates() {
        return coefficients.stream().mapToDouble(Coefficient::estimate).toArray();
    }

    private static double totalSumOfSquares(double[] yHi, double[] yLo, boolean centred) {
        CompensatedSum mean = new CompensatedSum();
        for (int i = 0; i < yHi.length; i++) {
            mean.add(yHi[i]);
            mean.add(yLo[i]);
        }
        double m = centred ? mean.value() / yHi.length : 0;
        CompensatedSum tss = new CompensatedSum();
        for (int i = 0; i < yHi.length; i++) {
            CompensatedSum d = new CompensatedSum();
            d.add(yHi[i]);
            d.add(yLo[i]);
            d.add(-m);
            double v = d.value();
            tss.addProduct(v, v);
        }
        return tss.value();
    }
}
