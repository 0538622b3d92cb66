package io.streamwatch.regression.inference;

import io.streamwatch.regression.solve.CompensatedSum;
import io.streamwatch.regression.solve.Estimate;
import io.streamwatch.regression.solve.LeastSquares;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * An ordinary least squares fit with its full inference: coefficients with standard errors, t and p
 * values and 95 % intervals, and the model statistics of {@link FitStatistics}, all under one covariance.
 *
 * @param covarianceType     which covariance the standard errors, t, p, intervals and F tests use
 * @param covariance         the coefficients' covariance matrix under it (statsmodels' {@code cov_params()})
 * @param covarianceDetails  the covariance's grouping columns and group counts (cluster) or lags (HAC)
 */
public record OlsFit(List<Coefficient> coefficients, FitStatistics statistics, boolean intercept,
                     CovarianceType covarianceType, double[][] covariance, CovarianceDetails covarianceDetails) {

    public OlsFit {
        coefficients = List.copyOf(coefficients);
        covariance = covariance.clone();
    }

    /**
     * The inference of an estimate under a chosen covariance.
     *
     * @param names       the design's column names, intercept included
     * @param intercept   whether column 0 is the intercept (decides centred vs uncentred R² and the F test)
     * @param training    the error metrics on the training rows
     * @param robust      the sandwich covariance when {@code type} is robust (ignored, may be null, otherwise)
     * @param diagnostics the residual diagnostics
     * @param logLikelihoodShift added to the Gaussian log-likelihood: half the sum of the log weights for a
     *                    weighted fit, as statsmodels' WLS, 0 otherwise
     */
    public static OlsFit of(Estimate estimate, List<String> names, boolean intercept, RegressionMetrics training,
                            CovarianceType type, double[][] robust, Diagnostics diagnostics, double logLikelihoodShift) {
        return of(estimate, names, intercept, training, CovarianceDetails.of(type), robust, diagnostics,
                logLikelihoodShift, null);
    }

    /**
     * The same under any covariance, with the columns' variance inflation factors.
     *
     * @param covariance which covariance, with its groups (cluster) or lags (HAC)
     * @param vif        per design column (NaN for the intercept), or null for none
     */
    public static OlsFit of(Estimate estimate, List<String> names, boolean intercept, RegressionMetrics training,
                            CovarianceDetails covariance, double[][] robust, Diagnostics diagnostics,
                            double logLikelihoodShift, double[] vif) {
        CovarianceType type = covariance.type();
        long n = estimate.n();
        int p = names.size();
        long dfResidual = n - p;
        int dfModel = p - (intercept ? 1 : 0);
        double rss = estimate.rss();
        double tss = estimate.tss();
        double sigma2 = rss / dfResidual;
        double rSquared = 1 - rss / tss;
        double adjusted = 1 - (n - (intercept ? 1 : 0)) / (double) dfResidual * (1 - rSquared);
        double[][] v = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                v[i][j] = type.robust() ? robust[i][j] : sigma2 * estimate.covarianceFactor()[i][j];
            }
        }
        long fDfDenom = covariance.dfDenominator(dfResidual);
        int fDfNum = dfModel;
        double f;
        if (dfModel == 0) {
            f = Double.NaN;
        } else if (type.robust()) {
            // As statsmodels' fvalue under a robust covariance: f_test of the slopes, a Wald F.
            int first = intercept ? 1 : 0;
            double[][] slopes = new double[dfModel][p];
            for (int k = 0; k < dfModel; k++) {
                slopes[k][first + k] = 1;
            }
            Wald.Result wald = Wald.f(slopes, new double[dfModel], estimate.coefficients(), v);
            f = wald.f();
            fDfNum = wald.rank();
        } else {
            f = ((tss - rss) / dfModel) / sigma2;
        }
        double fP = Wald.upperTail(f, fDfNum, fDfDenom);
        double logL = -n / 2.0 * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1) + logLikelihoodShift;

        // As statsmodels: t with the residual degrees of freedom for the classical covariance, the normal
        // distribution (use_t=False) for the robust ones, whose justification is asymptotic.
        org.apache.commons.math3.distribution.AbstractRealDistribution t = type.robust()
                ? new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
                : new TDistribution(null, dfResidual);
        double critical = t.inverseCumulativeProbability(0.975);
        List<Coefficient> coefficients = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            double b = estimate.coefficients()[j];
            double se = Math.sqrt(v[j][j]);
            double tValue = b / se;
            double pValue = 2 * t.cumulativeProbability(-Math.abs(tValue));
            Double inflation = vif == null || Double.isNaN(vif[j]) ? null : vif[j];
            coefficients.add(new Coefficient(names.get(j), b, se, tValue, pValue, b - critical * se,
                    b + critical * se, inflation));
        }
        FitStatistics statistics = new FitStatistics(n, dfModel, dfResidual, rSquared, adjusted, Math.sqrt(sigma2),
                f, fP, fDfNum, fDfDenom, logL, -2 * logL + 2 * p, -2 * logL + Math.log(n) * p,
                estimate.conditionNumber(), training, diagnostics);
        return new OlsFit(coefficients, statistics, intercept, type, v, covariance);
    }

    /**
     * statsmodels' {@code results.f_test(hypothesis)} under this fit's covariance: F in F(J, dfDenom), with
     * dfDenom the residual degrees of freedom, or G - 1 under clustering.
     */
    public HypothesisTest test(LinearHypothesis hypothesis) {
        Wald.Result wald = Wald.f(hypothesis.r(), hypothesis.q(), estimates(), covariance);
        long dfDenom = covarianceDetails.dfDenominator(statistics.dfResidual());
        return new HypothesisTest(hypothesis.text(), wald.f(), Wald.upperTail(wald.f(), wald.rank(), dfDenom),
                wald.rank(), dfDenom);
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
        ResidualDiagnostics diagnostics = new ResidualDiagnostics();
        for (double r : solution.residuals()) {
            diagnostics.add(r);
        }
        double condition = new org.apache.commons.math3.linear.SingularValueDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(design.xHi(), false)).getConditionNumber();
        return of(estimate, names, intercept, RegressionMetrics.of(y, fitted), CovarianceType.NONROBUST, null,
                diagnostics.diagnostics(condition), 0);
    }

    /**
     * A regularized fit's inference: the estimate's covariance factor gives the standard errors where there
     * are any (ridge; NaN otherwise, as Spark reports none); no F test, which the penalty invalidates.
     */
    public static OlsFit penalized(Estimate estimate, List<String> names, RegressionMetrics training,
                                   Diagnostics diagnostics, double logLikelihoodShift) {
        OlsFit fit = of(estimate, names, true, training, CovarianceType.NONROBUST, null, diagnostics,
                logLikelihoodShift);
        FitStatistics s = fit.statistics();
        FitStatistics withoutF = new FitStatistics(s.n(), s.dfModel(), s.dfResidual(), s.rSquared(),
                s.adjustedRSquared(), s.residualStandardError(), Double.NaN, Double.NaN, s.fDfNum(), s.fDfDenom(),
                s.logLikelihood(), s.aic(), s.bic(), s.conditionNumber(), s.training(), s.diagnostics());
        return new OlsFit(fit.coefficients(), withoutF, true, fit.covarianceType(), fit.covariance(),
                fit.covarianceDetails());
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
