package io.streamwatch.regression.solve;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Ridge, lasso and elastic-net least squares with Spark's {@code LinearRegression} objective, solved on
 * the p×p Gram matrix (as glmnet's covariance updates do), so it needs no pass over the rows beyond the
 * one that built the triangular factor:
 * <pre>
 *   minimize  1/(2W) Σ w_i (y_i - b0 - x_i·b)²  +  λ [ α Σ_j c_j |b_j|  +  (1-α)/(2 s_y) Σ_j c_j² b_j² ]
 * </pre>
 * with W the total weight, s_y the label's standard deviation, and c_j the feature's standard deviation
 * under {@code standardization} (Spark's default) or 1 without it; the intercept is not penalized. As in
 * Spark, ridge (α = 0) goes through the normal equations with population standard deviations, and any L1
 * part through the quasi-Newton path with sample (unbiased) ones. Ridge is solved exactly (Cholesky);
 * otherwise by cyclic coordinate descent on the standardized Gram matrix until the largest change is at
 * rounding level.
 */
public final class ElasticNet {

    private static final int MAX_SWEEPS = 1_000_000;

    /**
     * @param lambda          Spark's {@code regParam}, ≥ 0
     * @param alpha           Spark's {@code elasticNetParam} in [0, 1]: 0 ridge, 1 lasso
     * @param standardization Spark's {@code standardization}
     */
    public record Penalty(double lambda, double alpha, boolean standardization) {

        public static final Penalty NONE = new Penalty(0, 0, true);

        /** @throws IllegalArgumentException outside Spark's ranges */
        public Penalty {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("--reg-param must be a finite number >= 0, got " + lambda);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("--elastic-net must be between 0 and 1, got " + alpha);
            }
        }

        public boolean active() {
            return lambda > 0;
        }
    }

    /**
     * @param coefficients      intercept first, then the slopes, on the data's scale
     * @param covarianceFactor  for ridge, Spark's {@code (X'WX + penalty)^-1} (σ² times it is the covariance
     *                          its standard errors use); empty (zero length) otherwise
     * @param sweeps            coordinate-descent sweeps (0 for the closed form)
     * @param tss               Σ w (y - ȳ)², the total sum of squares about the weighted mean
     */
    public record Solution(double[] coefficients, double[][] covarianceFactor, int sweeps, double tss) {
    }

    private ElasticNet() {
    }

    /**
     * @param qr        the factor of rows {@code (1, x_1..x_k, y)} (intercept column first), weighted rows
     *                  scaled by √w
     * @param means     the weighted means of x_1..x_k and y
     * @param weights   the total weight W (the row count when unweighted)
     * @param squares   the sum of squared weights (the row count when unweighted)
     */
    public static Solution fit(StreamingQr qr, double[] means, double weights, double squares, Penalty penalty) {
        double[] r = qr.r();
        int c = (int) Math.round(Math.sqrt(r.length));
        int k = c - 2;
        // Below the intercept row, R is the factor of the centred data: its Gram matrix is the centred
        // cross-products, divided by W the (population) covariances.
        double[][] cov = new double[k + 1][k + 1];
        for (int i = 1; i < c; i++) {
            for (int j = 1; j < c; j++) {
                double s = 0;
                for (int m = 1; m <= Math.min(i, j); m++) {
                    s += r[m * c + i] * r[m * c + j];
                }
                cov[i - 1][j - 1] = s / weights;
            }
        }
        boolean ridge = penalty.alpha() == 0;
        // Spark's normal solver uses population deviations, its quasi-Newton path sample ones.
        double correction = ridge ? 1 : weights / (weights - squares / weights);
        double sy = Math.sqrt(cov[k][k] * correction);
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            scale[j] = penalty.standardization() ? Math.sqrt(cov[j][j] * correction) : 1;
            if (!(scale[j] > 0)) {
                throw new IllegalArgumentException("feature " + (j + 1) + " is constant in the training rows; drop it "
                        + "before a regularized fit");
            }
        }
        double[][] g = new double[k][k];
        double[] rhs = new double[k];
        for (int i = 0; i < k; i++) {
            rhs[i] = cov[i][k] / scale[i];
            for (int j = 0; j < k; j++) {
                g[i][j] = cov[i][j] / (scale[i] * scale[j]);
            }
        }
        double l1 = penalty.lambda() * penalty.alpha();
        double l2 = penalty.lambda() * (1 - penalty.alpha()) / sy;
        double[] gamma = new double[k];
        int sweeps = 0;
        if (ridge) {
            double[][] a = new double[k][k];
            for (int i = 0; i < k; i++) {
                a[i] = g[i].clone();
                a[i][i] += l2;
            }
            gamma = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                    .solve(new org.apache.commons.math3.linear.ArrayRealVector(rhs, false)).toArray();
        } else {
            double largest = Double.MAX_VALUE;
            while (sweeps < MAX_SWEEPS && largest > 1e-16 * Math.max(1e-300, maxAbs(gamma))) {
                largest = 0;
                for (int j = 0; j < k; j++) {
                    double partial = rhs[j];
                    for (int m = 0; m < k; m++) {
                        if (m != j) {
                            partial -= g[j][m] * gamma[m];
                        }
                    }
                    double updated = softThreshold(partial, l1) / (g[j][j] + l2);
                    largest = Math.max(largest, Math.abs(updated - gamma[j]));
                    gamma[j] = updated;
                }
                sweeps++;
                if (maxAbs(gamma) == 0 && largest == 0) {
                    break;
                }
            }
        }
        double[] b = new double[k + 1];
        double intercept = means[k];
        for (int j = 0; j < k; j++) {
            b[j + 1] = gamma[j] / scale[j];
            intercept -= b[j + 1] * means[j];
        }
        b[0] = intercept;
        double[][] factor = new double[0][0];
        if (ridge) {
            // X'WX (intercept included) plus the penalty's Hessian, W λ / s_y c_j² on the slopes.
            double[][] h = new double[k + 1][k + 1];
            for (int i = 0; i < c - 1; i++) {
                for (int j = 0; j < c - 1; j++) {
                    double s = 0;
                    for (int m = 0; m <= Math.min(i, j); m++) {
                        s += r[m * c + i] * r[m * c + j];
                    }
                    h[i][j] = s;
                }
            }
            for (int j = 0; j < k; j++) {
                h[j + 1][j + 1] += weights * l2 * scale[j] * scale[j];
            }
            RealMatrix inverse = new LUDecomposition(new Array2DRowRealMatrix(h, false), 0).getSolver().getInverse();
            factor = inverse.getData();
        }
        return new Solution(b, factor, sweeps, cov[k][k] * weights);
    }

    private static double softThreshold(double v, double t) {
        return v > t ? v - t : v < -t ? v + t : 0;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
