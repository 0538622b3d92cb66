package io.streamwatch.regression.io;

import io.streamwatch.regression.design.FeatureEncoding;
import io.streamwatch.regression.inference.Coefficient;
import io.streamwatch.regression.inference.CovarianceDetails;
import io.streamwatch.regression.inference.HypothesisTest;
import io.streamwatch.regression.solve.ElasticNet;
import io.streamwatch.regression.inference.Diagnostics;
import io.streamwatch.regression.inference.FitStatistics;
import io.streamwatch.regression.inference.FiveNumberSummary;
import io.streamwatch.regression.inference.OlsFit;
import io.streamwatch.regression.inference.RegressionMetrics;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.InfluenceSummary;
import io.streamwatch.regression.workflow.RowCounts;
import java.util.Locale;

/** Prints a {@link FitReport} as a readable table, in the spirit of R's and statsmodels' summaries. */
public final class SummaryFormatter {

    private SummaryFormatter() {
    }

    public static String format(FitReport report) {
        StringBuilder out = new StringBuilder();
        OlsFit fit = report.fit();
        FitStatistics s = fit.statistics();
        RowCounts rows = report.rows();
        ElasticNet.Penalty penalty = report.penalty();
        String method = penalty.active() ? (penalty.alpha() == 0 ? "Ridge" : penalty.alpha() == 1 ? "Lasso"
                : "Elastic-net") : report.weight().isPresent() ? "WLS" : "OLS";
        line(out, "%s regression of %s on %s%s (%s)", method, report.label(),
                String.join(", ", report.model().encoder().features().stream().map(FeatureEncoding::name).toList()),
                report.weight().map(w -> ", weights " + w).orElse(""), report.source());
        line(out, "Rows: %d read, %d dropped (null label), %d training, %d test", rows.read(), rows.nullLabel(),
                rows.training(), rows.test());
        String zeroTraining = report.weight().isPresent() ? ", " + rows.zeroWeightTraining() + " with weight 0" : "";
        String zeroTest = report.weight().isPresent() ? ", " + rows.zeroWeightTest() + " with weight 0" : "";
        line(out, "      training: %d used, %d skipped as invalid, %d with imputed values%s", rows.usedTraining(),
                rows.skippedTraining(), rows.imputedTraining(), zeroTraining);
        line(out, "      test:     %d used, %d skipped as invalid, %d with imputed values%s", rows.usedTest(),
                rows.skippedTest(), rows.imputedTest(), zeroTest);
        out.append('\n');
        int width = Math.max(12, fit.coefficients().stream().mapToInt(c -> c.name().length()).max().orElse(12));
        String header = "%-" + width + "s %14s %12s %9s %10s %14s %14s";
        boolean z = fit.covarianceType().robust();
        boolean vif = fit.coefficients().stream().anyMatch(c -> c.vif() != null);
        line(out, header + (vif ? " %9s" : ""), "", "Estimate", "Std. Error", z ? "z value" : "t value",
                z ? "Pr(>|z|)" : "Pr(>|t|)", "[0.025", "0.975]", "VIF");
        for (Coefficient c : fit.coefficients()) {
            String inflation = !vif ? "" : " " + String.format(Locale.ROOT, "%9s", c.vif() == null ? ""
                    : c.vif() < 1e5 ? String.format(Locale.ROOT, "%.3f", c.vif())
                    : String.format(Locale.ROOT, "%.3g", c.vif()));
            line(out, "%-" + width + "s %14s %12s %9.3f %10s %14s %14s%s %s", c.name(), num(c.estimate()),
                    num(c.standardError()), c.tValue(), p(c.pValue()), num(c.lower95()), num(c.upper95()),
                    inflation, stars(c.pValue()));
        }
        line(out, "---");
        line(out, "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
        if (penalty.active()) {
            String kind = penalty.alpha() == 0 ? "ridge" : penalty.alpha() == 1 ? "lasso" : "elastic net";
            line(out, "Regularization: %s, regParam %s, elasticNetParam %s, standardization %s (Spark's objective)%s",
                    kind, penalty.lambda(), penalty.alpha(), penalty.standardization() ? "on" : "off",
                    penalty.alpha() == 0 ? "; standard errors as Spark's normal solver reports them"
                            : "; no standard errors: Spark reports them only for ridge, through its normal solver");
        }
        if (!penalty.active()) {
            line(out, "%s", covariance(fit));
        }
        if (vif) {
            line(out, "VIF: variance inflation factor, 1/(1 - R²) of the column on the others%s",
                    fit.intercept() ? "" : " (uncentred: no intercept)");
        }
        out.append('\n');
        line(out, "Residual standard error: %s on %d degrees of freedom", num(s.residualStandardError()), s.dfResidual());
        line(out, "Multiple R-squared: %.6f, Adjusted R-squared: %.6f%s", s.rSquared(), s.adjustedRSquared(),
                fit.intercept() ? "" : " (uncentred: no intercept)");
        line(out, "F-statistic: %s on %d and %d DF, p-value: %s", num(s.fStatistic()), s.fDfNum(), s.fDfDenom(),
                p(s.fPValue()));
        line(out, "Log-likelihood: %s, AIC: %s, BIC: %s", num(s.logLikelihood()), num(s.aic()), num(s.bic()));
        line(out, "Condition number (column-scaled design): %s%s", num(s.conditionNumber()), s.illConditioned()
                ? "  WARNING: large; features are nearly collinear and estimates may be unstable" : "");
        Diagnostics d = s.diagnostics();
        line(out, "Omnibus: %s, Prob(Omnibus): %s, Skew: %s, Kurtosis: %s", fixed(d.omnibus()), fixed(d.omnibusP()),
                fixed(d.skew()), fixed(d.kurtosis()));
        line(out, "Durbin-Watson: %s, Jarque-Bera (JB): %s, Prob(JB): %s, Cond. No. (unscaled, as statsmodels): %s",
                fixed(d.durbinWatson()), fixed(d.jarqueBera()), fixed(d.jarqueBeraP()),
                String.format(Locale.ROOT, "%.3g", d.conditionNumber()));
        if (!report.hypotheses().isEmpty()) {
            out.append('\n');
            line(out, "Hypothesis tests (F, under the %s covariance, as statsmodels' f_test):",
                    fit.covarianceType().label());
            for (HypothesisTest h : report.hypotheses()) {
                line(out, "  %s: F = %s on %d and %d DF, p-value: %s", h.hypothesis(), num(h.statistic()), h.dfNum(),
                        h.dfDenom(), p(h.pValue()));
            }
        }
        out.append('\n');
        line(out, "%-10s %8s %14s %14s %14s %14s %14s", "Metrics", "n", "RMSE", "MSE", "MAE", "R-squared",
                "Expl. var.");
        metrics(out, "training", s.training());
        report.test().ifPresent(t -> metrics(out, "test", t));
        out.append('\n');
        FiveNumberSummary r = s.training().residuals();
        if (r.sampled() < s.training().n()) {
            // Dvoretzky-Kiefer-Wolfowitz: the sample's quantiles are within eps in rank of the true ones.
            double eps = Math.sqrt(Math.log(2 / 0.001) / (2.0 * r.sampled()));
            line(out, "Residuals (training; quartiles from a uniform sample of %d of %d rows, within %.2f %% in rank "
                    + "at 99.9 %% confidence; min and max exact):", r.sampled(), s.training().n(), 100 * eps);
        } else {
            line(out, "Residuals (training):");
        }
        line(out, "%14s %14s %14s %14s %14s", "Min", "1Q", "Median", "3Q", "Max");
        line(out, "%14s %14s %14s %14s %14s", num(r.min()), num(r.q1()), num(r.median()), num(r.q3()), num(r.max()));
        report.influence().ifPresent(i -> {
            out.append('\n');
            line(out, "Most influential training rows (largest Cook's distance, of %d in the --influence file):",
                    i.rows());
            line(out, "%14s %14s %14s %14s", "row", "Cook's d", "leverage", "student resid");
            for (InfluenceSummary.Influential row : i.largest()) {
                line(out, "%14d %14s %14s %14s", row.row(), num(row.cooksD()), num(row.hat()),
                        num(row.studentResid()));
            }
        });
        return out.toString();
    }

    /** The covariance line: which one, and the distribution its z, p, intervals and F tests use. */
    private static String covariance(OlsFit fit) {
        CovarianceDetails d = fit.covarianceDetails();
        long dfDenom = fit.statistics().fDfDenom();
        return switch (fit.covarianceType()) {
            case NONROBUST -> "Covariance: nonrobust (assumes one error variance; --cov HC3 for "
                    + "heteroskedasticity-consistent errors)";
            case CLUSTER -> d.groups().size() == 1
                    ? String.format(Locale.ROOT, "Covariance: cluster by %s (%d groups; G/(G-1)·(n-1)/(n-p) "
                            + "correction); z, p and intervals from the normal distribution, F tests (Wald) with "
                            + "G - 1 = %d denominator DF", d.groups().get(0), d.groupCounts().get(0), dfDenom)
                    : String.format(Locale.ROOT, "Covariance: cluster by %s and %s (two-way: %d and %d groups, %d "
                            + "intersections; each part with its G/(G-1)·(n-1)/(n-p)); z, p and intervals from the "
                            + "normal distribution, F tests (Wald) with min G - 1 = %d denominator DF",
                            d.groups().get(0), d.groups().get(1), d.groupCounts().get(0), d.groupCounts().get(1),
                            d.intersections(), dfDenom);
            case HAC -> String.format(Locale.ROOT, "Covariance: HAC (Newey-West, Bartlett weights up to lag %d, "
                    + "training rows in file order, no small-sample correction); z, p and intervals from the normal "
                    + "distribution, F tests (Wald) with %d denominator DF", d.maxLags(), dfDenom);
            default -> "Covariance: " + fit.covarianceType().label() + " (heteroskedasticity-consistent); standard "
                    + "errors, t, p, intervals and the F test (Wald) use it";
        };
    }

    /** {@code evaluate}'s summary: where the rows went, the metrics, the residuals. */
    public static String format(io.streamwatch.regression.workflow.Evaluation e, String label) {
        StringBuilder out = new StringBuilder();
        RegressionMetrics m = e.metrics().orElseThrow();
        line(out, "Evaluation of the model of %s on %s", label, e.source());
        line(out, "Rows: %d read, %d dropped (null label), %d used, %d skipped as invalid, %d with imputed values",
                e.read(), e.nullLabel(), m.n(), e.skipped(), e.imputed());
        out.append('\n');
        line(out, "%-10s %8s %14s %14s %14s %14s %14s", "Metrics", "n", "RMSE", "MSE", "MAE", "R-squared",
                "Expl. var.");
        metrics(out, "evaluated", m);
        out.append('\n');
        FiveNumberSummary r = m.residuals();
        line(out, r.sampled() < m.n() ? "Residuals (quartiles from a uniform sample of " + r.sampled() + " rows; min "
                + "and max exact):" : "Residuals:");
        line(out, "%14s %14s %14s %14s %14s", "Min", "1Q", "Median", "3Q", "Max");
        line(out, "%14s %14s %14s %14s %14s", num(r.min()), num(r.q1()), num(r.median()), num(r.q3()), num(r.max()));
        return out.toString();
    }

    private static void metrics(StringBuilder out, String name, RegressionMetrics m) {
        line(out, "%-10s %8d %14s %14s %14s %14.6f %14s", name, m.n(), num(m.rmse()), num(m.mse()), num(m.mae()),
                m.r2(), num(m.explainedVariance()));
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        return (a != 0 && (a < 1e-3 || a >= 1e7)) ? String.format(Locale.ROOT, "%.6e", v)
                : String.format(Locale.ROOT, "%.6f", v);
    }

    /** Three decimals, as statsmodels prints its diagnostics; small p values in scientific notation. */
    private static String fixed(double v) {
        return Math.abs(v) > 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String p(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return v < 2e-16 ? "<2e-16" : String.format(Locale.ROOT, v < 1e-4 ? "%.2e" : "%.5f", v);
    }

    private static String stars(double p) {
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
