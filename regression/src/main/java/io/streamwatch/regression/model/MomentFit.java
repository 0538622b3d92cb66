package io.streamwatch.regression.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * An OLS fit from streamed sufficient statistics ({@link MomentAccumulator}): the normal equations on
 * centred co-moments, which keep the accuracy of data far from the origin. Every statistic of
 * {@link OlsFit} follows from the moments except those needing each residual (MAE, residual quartiles),
 * which are NaN: a single pass cannot know the residuals before the coefficients.
 */
public final class MomentFit {

    private MomentFit() {
    }

    public static OlsFit fit(MomentAccumulator moments, List<String> featureNames) {
        int k = featureNames.size();
        boolean intercept = moments.centred();
        long n = moments.count();
        int p = k + (intercept ? 1 : 0);
        if (n <= p) {
            throw new IllegalArgumentException("need more rows than coefficients: " + n + " rows for " + p);
        }
        double[][] sxx = new double[k][k];
        double[] sxy = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                sxx[i][j] = moments.moment(i, j);
            }
            sxy[i] = moments.moment(i, k);
        }
        double syy = moments.moment(k, k);
        double[] scale = new double[k];
        for (int i = 0; i < k; i++) {
            scale[i] = Math.sqrt(sxx[i][i]);
            if (scale[i] == 0) {
                throw new RankDeficientException("feature '" + featureNames.get(i) + "' is constant"
                        + (intercept ? " (collinear with the intercept)" : " zero") + "; drop it", List.of(featureNames.get(i)));
            }
        }
        // Correlation-scaled normal matrix: its condition number is the column-scaled design's squared.
        double[][] corr = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                corr[i][j] = sxx[i][j] / (scale[i] * scale[j]);
            }
        }
        RealMatrix c = new Array2DRowRealMatrix(corr, false);
        double[] eigen = new EigenDecomposition(c).getRealEigenvalues();
        double maxEig = 0;
        double minEig = Double.MAX_VALUE;
        for (double e : eigen) {
            maxEig = Math.max(maxEig, e);
            minEig = Math.min(minEig, e);
        }
        if (minEig <= 1e-13 * maxEig) {
            throw new RankDeficientException("the features are linearly dependent (smallest eigenvalue of their "
                    + "correlation matrix is " + minEig + "); drop the redundant ones " + featureNames, featureNames);
        }
        DecompositionSolver solver = new LUDecomposition(c).getSolver();
        RealMatrix inverseCorr = solver.getInverse();
        double[] slopes = new double[k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += inverseCorr.getEntry(i, j) * sxy[j] / scale[j];
            }
            slopes[i] = s / scale[i];
        }
        double rss = syy;
        for (int i = 0; i < k; i++) {
            rss -= slopes[i] * sxy[i];
        }
        rss = Math.max(rss, 0);
        long dfResidual = n - p;
        double sigma2 = rss / dfResidual;
        TDistribution t = new TDistribution(null, dfResidual);
        double critical = t.inverseCumulativeProbability(0.975);
        List<Coefficient> coefficients = new ArrayList<>();
        if (intercept) {
            double b0 = moments.mean(k);
            double varFactor = 1.0 / n;
            for (int i = 0; i < k; i++) {
                b0 -= slopes[i] * moments.mean(i);
                for (int j = 0; j < k; j++) {
                    varFactor += moments.mean(i) * moments.mean(j) * inverseCorr.getEntry(i, j) / (scale[i] * scale[j]);
                }
            }
            coefficients.add(coefficient(RowEncoder.INTERCEPT, b0, Math.sqrt(sigma2 * varFactor), t, critical));
        }
        for (int i = 0; i < k; i++) {
            double se = Math.sqrt(sigma2 * inverseCorr.getEntry(i, i)) / scale[i];
            coefficients.add(coefficient(featureNames.get(i), slopes[i], se, t, critical));
        }
        int dfModel = k;
        double rSquared = 1 - rss / syy;
        double adjusted = 1 - (n - (intercept ? 1 : 0)) / (double) dfResidual * (1 - rSquared);
        double f = ((syy - rss) / dfModel) / sigma2;
        double fP = 1 - new FDistribution(null, dfModel, dfResidual).cumulativeProbability(f);
        double logL = -n / 2.0 * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
        RegressionMetrics training = new RegressionMetrics(n, rss / n, Math.sqrt(rss / n), Double.NaN, rSquared,
                intercept ? (syy - rss) / n : Double.NaN,
                new FiveNumberSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        FitStatistics statistics = new FitStatistics(n, dfModel, dfResidual, rSquared, adjusted, Math.sqrt(sigma2), f,
                fP, logL, -2 * logL + 2 * p, -2 * logL + Math.log(n) * p, Math.sqrt(maxEig / minEig), training);
        return new OlsFit(coefficients, statistics, intercept);
    }

    private static Coefficient coefficient(String name, double b, double se, TDistribution t, double critical) {
        double tValue = b / se;
        return new Coefficient(name, b, se, tValue, 2 * t.cumulativeProbability(-Math.abs(tValue)),
                b - critical * se, b + critical * se);
    }
}
