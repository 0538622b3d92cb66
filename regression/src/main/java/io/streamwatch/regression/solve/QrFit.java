package io.streamwatch.regression.solve;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * An OLS fit from a streamed triangular factor ({@link StreamingQr}) of {@code [X y]}, refined by passes
 * over the rows (corrected semi-normal equations): each pass computes the residuals {@code r = y - X b}
 * and {@code X'r} in about twice double precision ({@link CompensatedSum}); the correction solves
 * {@code R'R d = X'r} with the same factor. One pass also yields the residual sum of squares and the
 * exactly as the rows give them.
 *
 * <p>Columns are scaled by exact powers of two (their norms, read off R) before solving, so the
 * condition number reported is the column-scaled design's, as the in-memory solver reports it.
 *
 * <p>Use: {@link #of}, then while {@link #needsPass()}: run a {@link Residuals} over every row and
 * {@link #refine} with it; then {@link #estimate}. Not thread-safe; a {@link Residuals} per thread.
 */
public final class QrFit implements java.io.Serializable {

    static final int MAX_PASSES = 4;

    private final List<String> names;
    private final boolean intercept;
    private final long n;
    private final int p;
    /** R11 with its columns divided by {@link #scale}; p × p, upper-triangular. */
    private final RealMatrix rScaled;
    /** The same, as an array: read on every row for the leverages. */
    private final double[][] rArray;
    private final double[] scale;
    private final double totalSumOfSquares;
    /** The coefficients of the scaled design. */
    private final double[] bScaled;
    private double rss = Double.NaN;
    private int passes;
    private boolean converged;
    private double previousCorrection = Double.MAX_VALUE;
    private final double condition;
    /**
     * How much each correction shrinks the error, bounded: the semi-normal equations solve with R'R, so
     * their error is about p κ² u (κ the scaled design's condition number, u the unit roundoff).
     */
    private final double contraction;

    private QrFit(List<String> names, boolean intercept, long n, RealMatrix rScaled, double[] scale, double tss,
                  double[] bScaled) {
        this.names = names;
        this.intercept = intercept;
        this.n = n;
        this.p = names.size();
        this.rScaled = rScaled;
        this.rArray = rScaled.getData();
        this.scale = scale;
        this.totalSumOfSquares = tss;
        this.bScaled = bScaled;
        this.condition = new SingularValueDecomposition(rScaled).getConditionNumber();
        this.contraction = Math.min(1, p * condition * condition * 0x1.0p-52);
    }

    /**
     * @param qr        the factor of rows {@code (1?, x_1..x_k, y)}, with the column of ones first when
     *                  {@code intercept}
     * @param names     the design's column names, intercept included
     * @throws RankDeficientException naming the columns that depend on the others
     */
    public static QrFit of(StreamingQr qr, List<String> names, boolean intercept) {
        int p = names.size();
        int c = p + 1;
        long n = qr.rows();
        if (n <= p) {
            throw new IllegalArgumentException("need more rows than coefficients: " + n + " rows for " + p
                    + " coefficients " + names);
        }
        double[] r = qr.r();
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int i = 0; i <= j; i++) {
                norm = Math.hypot(norm, r[i * c + j]);
            }
            if (norm == 0 || !Double.isFinite(norm)) {
                throw new RankDeficientException("column '" + names.get(j) + "' is "
                        + (norm == 0 ? "all zeros" : "not finite") + "; drop it from the features", List.of(names.get(j)));
            }
            scale[j] = Math.scalb(1.0, Math.getExponent(norm));
        }
        double[][] scaled = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                scaled[i][j] = r[i * c + j] / scale[j];
            }
        }
        RealMatrix rScaled = new Array2DRowRealMatrix(scaled, false);
        requireFullRank(r, c, scale, names);
        double[] qty = new double[p];
        for (int i = 0; i < p; i++) {
            qty[i] = r[i * c + p];
        }
        double tss = 0;
        for (int i = intercept ? 1 : 0; i <= p; i++) {
            tss += r[i * c + p] * r[i * c + p];
        }
        double[] b = LeastSquares.solveUpper(rScaled, qty);
        return new QrFit(names, intercept, n, rScaled, scale, tss, b);
    }

    /**
     * R's diagonal is each column's distance from the span of the columns before it (X = QR): a distance
     * at rounding level, relative to the column's length, makes the column a combination of those.
     */
    private static void requireFullRank(double[] r, int c, double[] scale, List<String> names) {
        List<String> dependent = new ArrayList<>();
        List<String> independent = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double norm = 0;
            for (int i = 0; i <= j; i++) {
                norm = Math.hypot(norm, r[i * c + j]);
            }
            (Math.abs(r[j * c + j]) <= LeastSquares.RANK_TOLERANCE * norm ? dependent : independent).add(names.get(j));
        }
        if (!dependent.isEmpty()) {
            throw LeastSquares.rankDeficient(independent.size(), names.size(), dependent, independent);
        }
    }

    /** The 2-norm condition number of the column-scaled design. */
    public double conditionNumber() {
        return condition;
    }

    /** The current coefficients, on the data's scale. */
    public double[] coefficients() {
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = bScaled[j] / scale[j];
        }
        return b;
    }

    /** True until a pass has been folded in and the last correction was negligible (or passes ran out). */
    public boolean needsPass() {
        return passes == 0 || (!converged && passes < MAX_PASSES);
    }

    /** Folds one pass's residual sums in: the correction to the coefficients, the RSS and the MAE. */
    public void refine(Residuals pass) {
        double[] g = new double[p];
        for (int j = 0; j < p; j++) {
            g[j] = pass.xtr[j].value() / scale[j];
        }
        double[] d = LeastSquares.solveNormal(rScaled, g);
        double size = 0;
        double norm = 0;
        // ||y - X(b + d)||² = ||r||² - 2 d'X'r + d'R'R d = ||r||² - d'X'r, as R'R d = X'r: the RSS at the
        // corrected coefficients without another pass (it matters where the residuals are all rounding).
        CompensatedSum decrease = new CompensatedSum();
        for (int j = 0; j < p; j++) {
            decrease.addProduct(d[j], g[j]);
            bScaled[j] += d[j];
            size = Math.max(size, Math.abs(d[j]));
            norm = Math.max(norm, Math.abs(bScaled[j]));
        }
        rss = Math.max(0, pass.squares.value() - decrease.value());
        passes++;
        // Stop at a correction at rounding level, when the next one is bound to be (this one times the
        // contraction), or once corrections stop shrinking (they are noise then). The bound saves a pass
        // over the rows on every well-conditioned design.
        converged = size <= 1e-15 * norm || size * contraction <= 0x1.0p-53 * norm || size >= previousCorrection / 2;
        previousCorrection = size;
    }

    /** Passes over the rows folded in so far. */
    public int passes() {
        return passes;
    }

    /** A pass's sums, for rows {@code (1?, x_1..x_k, y)} as the factor saw them. */
    public Residuals residuals() {
        return new Residuals(coefficients());
    }

    /**
     * The middle of a heteroskedasticity-consistent sandwich, {@code Σ ω_i x_i x_i'}, for one thread's share
     * of a pass; ω from each row's residual and, when asked for, its leverage {@code h = x'(X'X)^-1 x}.
     *
     * @param weight        ω(residual, leverage)
     * @param needsLeverage whether to compute the leverages (a triangular solve a row)
     */
    public Meat meat(java.util.function.DoubleBinaryOperator weight, boolean needsLeverage) {
        return new Meat(weight, needsLeverage);
    }

    /** See {@link #meat}. Accumulated in the scaled design's coordinates. */
    public final class Meat implements java.io.Serializable {
        private final java.util.function.DoubleBinaryOperator weight;
        private final boolean needsLeverage;
        private final double[] sum = new double[p * p];
        private final double[] scaled = new double[p];
        private final double[] z = new double[p];

        private Meat(java.util.function.DoubleBinaryOperator weight, boolean needsLeverage) {
            this.weight = weight;
            this.needsLeverage = needsLeverage;
        }

        /** @param row the design row (the response after it is ignored) */
        public void add(double[] row, double residual) {
            for (int j = 0; j < p; j++) {
                scaled[j] = row[j] / scale[j];
            }
            double leverage = needsLeverage ? scaledLeverage(scaled, z) : 0;
            double w = weight.applyAsDouble(residual, leverage);
            for (int i = 0; i < p; i++) {
                double wi = w * scaled[i];
                for (int j = i; j < p; j++) {
                    sum[i * p + j] += wi * scaled[j];
                }
            }
        }

        public void merge(Meat other) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += other.sum[k];
            }
        }

        /** {@code factor (X'X)^-1 M (X'X)^-1} on the data's scale. */
        public double[][] sandwich(double factor) {
            double[][] middle = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    middle[i][j] = sum[i * p + j];
                    middle[j][i] = sum[i * p + j];
                }
            }
            return scaledSandwich(middle, factor);
        }
    }

    /**
     * {@code factor (X'X)^-1 M (X'X)^-1} on the data's scale, for a middle M on the data's scale (sums of
     * outer products of scores {@code x e}: cluster sums, Newey-West's lagged products).
     */
    public double[][] sandwich(double[][] middle, double factor) {
        double[][] scaledMiddle = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                scaledMiddle[i][j] = middle[i][j] / (scale[i] * scale[j]);
            }
        }
        return scaledSandwich(scaledMiddle, factor);
    }

    /** {@code factor (X'X)^-1 M (X'X)^-1} on the data's scale, for M in the scaled design's coordinates. */
    private double[][] scaledSandwich(double[][] middle, double factor) {
        double[][] inverse = inverseOfNormalMatrix();
        double[][] left = multiply(inverse, middle);
        double[][] scaledResult = multiply(left, inverse);
        double[][] result = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                result[i][j] = factor * scaledResult[i][j] / (scale[i] * scale[j]);
            }
        }
        return result;
    }

    /**
     * The row's leverage {@code h = x'(X'X)^-1 x = ||R^-T x||²}, the diagonal of the hat matrix: a triangular
     * solve. For a weighted fit, give the row as the factor saw it (scaled by the square root of its weight).
     *
     * @param row    the design row (anything after its p values is ignored)
     * @param scaled p doubles of scratch space (one per thread)
     * @param work   p doubles more
     */
    public double leverage(double[] row, double[] scaled, double[] work) {
        for (int j = 0; j < p; j++) {
            scaled[j] = row[j] / scale[j];
        }
        return scaledLeverage(scaled, work);
    }

    /** z = R^-T x by forward substitution with R' (lower-triangular); h = ||z||². */
    private double scaledLeverage(double[] scaled, double[] z) {
        double leverage = 0;
        for (int i = 0; i < p; i++) {
            double v = scaled[i];
            for (int k = 0; k < i; k++) {
                v -= rArray[k][i] * z[k];
            }
            z[i] = v / rArray[i][i];
            leverage += z[i] * z[i];
        }
        return leverage;
    }

    /**
     * Each column's variance inflation factor {@code VIF_j = 1/(1 - R_j²)}, R_j² of the column regressed on
     * the others, from the factor alone: {@code ||x_j - mean||² [(X'X)^-1]_jj}. With an intercept (column 0)
     * the column is centred — statsmodels' {@code variance_inflation_factor} on the design with its constant
     * (the squared distance of x_j from the intercept's span is {@code Σ_{i=1..j} R_ij²}); without one it is
     * not: then the factor by which x_j's correlation with the other columns inflates its coefficient's
     * variance over an orthogonal design ({@code standardize=False}). A weighted fit's factor is of the
     * weighted design, so its VIFs are of the weighted regressions, centred by the weighted means.
     *
     * @return per column; NaN for the intercept
     */
    public double[] varianceInflation() {
        double[][] inverse = new double[p][p];
        for (int j = p - 1; j >= 0; j--) {
            inverse[j][j] = 1 / rScaled.getEntry(j, j);
            for (int i = j - 1; i >= 0; i--) {
                double s = 0;
                for (int k = i + 1; k <= j; k++) {
                    s += rScaled.getEntry(i, k) * inverse[k][j];
                }
                inverse[i][j] = -s / rScaled.getEntry(i, i);
            }
        }
        int first = intercept ? 1 : 0;
        double[] vif = new double[p];
        for (int j = 0; j < p; j++) {
            if (j < first) {
                vif[j] = Double.NaN;
                continue;
            }
            double spread = 0;
            for (int i = first; i <= j; i++) {
                spread += rScaled.getEntry(i, j) * rScaled.getEntry(i, j);
            }
            double diagonal = 0;
            for (int k = j; k < p; k++) {
                diagonal += inverse[j][k] * inverse[j][k];
            }
            vif[j] = spread * diagonal;
        }
        return vif;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    /**
     * statsmodels' condition number: of the design as given, not column-scaled (R has X's singular values).
     */
    public double rawConditionNumber() {
        double[][] raw = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                raw[i][j] = rScaled.getEntry(i, j) * scale[j];
            }
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(raw, false)).getConditionNumber();
    }

    /** One thread's share of a pass: add each row, then merge the threads' shares. */
    public static final class Residuals implements java.io.Serializable {
        private final double[] b;
        private final CompensatedSum[] xtr;
        private final CompensatedSum squares = new CompensatedSum();

        private Residuals(double[] b) {
            this.b = b;
            this.xtr = new CompensatedSum[b.length];
            for (int j = 0; j < b.length; j++) {
                xtr[j] = new CompensatedSum();
            }
        }

        /**
         * @param row the design row followed by the response
         * @return the row's residual
         */
        public double add(double[] row) {
            CompensatedSum s = new CompensatedSum();
            s.add(row[b.length]);
            for (int j = 0; j < b.length; j++) {
                s.addProduct(-row[j], b[j]);
            }
            double r = s.value();
            // The residual's low part matters: for large-residual problems (NIST Wampler4, Wampler5) its
            // rounding alone, multiplied by X', would limit the correction to a few digits fewer.
            double rLow = s.lowPart();
            for (int j = 0; j < b.length; j++) {
                xtr[j].addProduct(row[j], r);
                xtr[j].addProduct(row[j], rLow);
            }
            squares.addProduct(r, r);
            return r;
        }

        /** A pass's sums at fixed coefficients (a regularized fit's), with the column of ones first if any. */
        public static Residuals at(double[] b) {
            return new Residuals(b.clone());
        }

        /** The residual sum of squares so far. */
        public double sumOfSquares() {
            return squares.value();
        }

        public void merge(Residuals other) {
            for (int j = 0; j < b.length; j++) {
                xtr[j].add(other.xtr[j].value());
            }
            squares.add(other.squares.value());
        }
    }

    /**
     * The estimate with what inference needs; after at least one pass.
     *
     * @throws IllegalStateException before the first pass
     */
    public Estimate estimate() {
        if (passes == 0) {
            throw new IllegalStateException("the residual pass has not run");
        }
        double[][] inverse = inverseOfNormalMatrix();
        double[][] covariance = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                covariance[i][j] = inverse[i][j] / (scale[i] * scale[j]);
            }
        }
        return new Estimate(coefficients(), covariance, rss, totalSumOfSquares, n,
                condition);
    }

    /** {@code (R'R)^-1} of the scaled design, column by column. */
    private double[][] inverseOfNormalMatrix() {
        double[][] inverse = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            inverse[j] = LeastSquares.solveNormal(rScaled, e);
        }
        return inverse;
    }
}
