package io.streamwatch.regression.solve;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RRQRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Solves {@code min ||X b - y||} accurately for ill-conditioned designs, on top of Commons Math:
 * <ol>
 *   <li>each column is scaled to about unit length by a power of two, so the scaling is exact (polynomial
 *       designs like NIST Filip have columns differing by ten orders of magnitude, which alone costs
 *       Householder QR several digits);</li>
 *   <li>the first estimate comes from {@link OLSMultipleLinearRegression} (Householder QR);</li>
 *   <li>Björck's iterative refinement of the augmented system {@code [I X; X' 0][r; b] = [y; 0]} then
 *       refines the residual and the coefficients together, with {@code y - r - X b} and {@code X'r}
 *       computed in about twice double precision ({@link CompensatedSum}) and corrections solved with the
 *       same QR factors. Refining b alone cannot remove the error proportional to cond(X)^2 |r| that
 *       large-residual problems (NIST Wampler4, Wampler5) suffer;</li>
 *   <li>{@code (X'X)^-1} is refined the same way, column by column.</li>
 * </ol>
 * Inputs may carry a low-order part ({@link Design}): data known to more than double precision (exact
 * decimals, powers computed exactly) is then solved to that precision, which NIST Filip needs: rounding
 * its decimal data to double alone moves the exact answer in the eighth digit.
 *
 * <p>A rank-deficient design is reported by naming the columns that depend on the others, found with a
 * rank-revealing (column-pivoted) QR.
 */
public final class LeastSquares {

    private static final int MAX_REFINEMENTS = 30;
    /** Relative pivot size below which a scaled column counts as dependent on the others. */
    static final double RANK_TOLERANCE = 1e-13;

    private LeastSquares() {
    }

    /**
     * A design and response, each value as an unevaluated sum {@code hi + lo} (lo is zero for plain
     * double data).
     */
    public record Design(double[][] xHi, double[][] xLo, double[] yHi, double[] yLo) {

        /** Plain double data. */
        public static Design of(double[][] x, double[] y) {
            return new Design(x, new double[x.length][x.length == 0 ? 0 : x[0].length], y, new double[y.length]);
        }

        int rows() {
            return yHi.length;
        }
    }

    /** Solves plain double data. */
    public static Solution solve(double[][] x, double[] y, List<String> names) {
        return solve(Design.of(x, y), names);
    }

    /**
     * @param design n rows of p values (include a column of ones for an intercept) and n responses
     * @param names  the p column names, for rank-deficiency messages
     */
    public static Solution solve(Design design, List<String> names) {
        int n = design.rows();
        int p = names.size();
        if (n <= p) {
            throw new IllegalArgumentException("need more rows than coefficients: " + n + " rows for " + p
                    + " coefficients " + names);
        }
        double[] scale = columnScales(design.xHi(), p, names);
        double[][] hi = new double[n][p];
        double[][] lo = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                hi[i][j] = design.xHi()[i][j] / scale[j];
                lo[i][j] = design.xLo()[i][j] / scale[j];
            }
        }
        RealMatrix scaled = new Array2DRowRealMatrix(hi, false);
        requireFullRank(scaled, names);

        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression(0);
        ols.setNoIntercept(true);
        ols.newSampleData(design.yHi().clone(), hi);
        double[] b = ols.estimateRegressionParameters();

        QRDecomposition qr = new QRDecomposition(scaled);
        RealMatrix r = qr.getR().getSubMatrix(0, p - 1, 0, p - 1);
        int refinements = refine(hi, lo, design.yHi(), design.yLo(), b, qr.getSolver(), r);
        double[][] inverse = inverseOfNormalMatrix(hi, lo, r);

        double[] coefficients = new double[p];
        double[][] covarianceFactor = new double[p][p];
        for (int j = 0; j < p; j++) {
            coefficients[j] = b[j] / scale[j];
            for (int k = 0; k < p; k++) {
                covarianceFactor[j][k] = inverse[j][k] / (scale[j] * scale[k]);
            }
        }
        double[] residuals = new double[n];
        for (int i = 0; i < n; i++) {
            residuals[i] = residual(hi[i], lo[i], design.yHi()[i], design.yLo()[i], 0, b);
        }
        return new Solution(coefficients, covarianceFactor, residuals,
                new SingularValueDecomposition(scaled).getConditionNumber(), refinements);
    }

    private static double[] columnScales(double[][] x, int p, List<String> names) {
        double[] scales = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (double[] row : x) {
                s = Math.hypot(s, row[j]);
            }
            if (s == 0 || !Double.isFinite(s)) {
                throw new RankDeficientException("column '" + names.get(j) + "' is "
                        + (s == 0 ? "all zeros" : "not finite") + "; drop it from the features", List.of(names.get(j)));
            }
            // A power of two: dividing by it is exact, so scaling does not perturb the problem.
            scales[j] = Math.scalb(1.0, Math.getExponent(s));
        }
        return scales;
    }

    static void requireFullRank(RealMatrix design, List<String> names) {
        RRQRDecomposition rrqr = new RRQRDecomposition(design, 0);
        int rank = rrqr.getRank(RANK_TOLERANCE);
        int p = names.size();
        if (rank == p) {
            return;
        }
        RealMatrix permutation = rrqr.getP();
        List<String> independent = new ArrayList<>();
        List<String> dependent = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            int column = 0;
            while (permutation.getEntry(column, k) != 1.0) {
                column++;
            }
            (k < rank ? independent : dependent).add(names.get(column));
        }
        throw rankDeficient(rank, p, dependent, independent);
    }

    /** The error naming the columns that depend on the others. */
    static RankDeficientException rankDeficient(int rank, int p, List<String> dependent, List<String> independent) {
        boolean one = dependent.size() == 1;
        return new RankDeficientException("the design is rank deficient (rank " + rank + " of " + p + "): "
                + dependent + (one ? " is a linear combination" : " are linear combinations") + " of " + independent
                + "; drop " + (one ? "it" : "them") + " or the columns " + (one ? "it duplicates" : "they duplicate"),
                dependent);
    }

    /** Björck's refinement of (r, b) in place; returns the number of steps taken. */
    private static int refine(double[][] hi, double[][] lo, double[] yHi, double[] yLo, double[] b,
                              DecompositionSolver qr, RealMatrix r) {
        int n = yHi.length;
        int p = b.length;
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            res[i] = residual(hi[i], lo[i], yHi[i], yLo[i], 0, b);
        }
        double previous = Double.MAX_VALUE;
        for (int step = 1; step <= MAX_REFINEMENTS; step++) {
            double[] f = new double[n];
            for (int i = 0; i < n; i++) {
                f[i] = residual(hi[i], lo[i], yHi[i], yLo[i], res[i], b);
            }
            double[] g = new double[p];
            for (int j = 0; j < p; j++) {
                CompensatedSum s = new CompensatedSum();
                for (int i = 0; i < n; i++) {
                    s.addProduct(-hi[i][j], res[i]);
                    s.addProduct(-lo[i][j], res[i]);
                }
                g[j] = s.value();
            }
            double[] d1 = qr.solve(new ArrayRealVector(f, false)).toArray();
            double[] d2 = solveNormal(r, g);
            double[] db = new double[p];
            double size = 0;
            double norm = 0;
            for (int j = 0; j < p; j++) {
                db[j] = d1[j] - d2[j];
                b[j] += db[j];
                size = Math.max(size, Math.abs(db[j]));
                norm = Math.max(norm, Math.abs(b[j]));
            }
            for (int i = 0; i < n; i++) {
                double dr = f[i];
                for (int j = 0; j < p; j++) {
                    dr -= hi[i][j] * db[j];
                }
                res[i] += dr;
            }
            if (size <= 1e-17 * norm || (step > 3 && size >= previous)) {
                return step;
            }
            previous = size;
        }
        return MAX_REFINEMENTS;
    }

    /** {@code (yHi + yLo) - r - (xHi + xLo)·b} in extended precision. */
    private static double residual(double[] xHi, double[] xLo, double yHi, double yLo, double r, double[] b) {
        CompensatedSum s = new CompensatedSum();
        s.add(yHi);
        s.add(yLo);
        s.add(-r);
        for (int j = 0; j < b.length; j++) {
            s.addProduct(-xHi[j], b[j]);
            s.addProduct(-xLo[j], b[j]);
        }
        return s.value();
    }

    /**
     * {@code (X'X)^-1}, column by column: {@code z = (R'R)^-1 e_j} refined with residuals
     * {@code e_j - X'(X z)}, where {@code X z} is kept as an unevaluated sum so nothing is lost before the
     * second product.
     */
    private static double[][] inverseOfNormalMatrix(double[][] hi, double[][] lo, RealMatrix r) {
        int p = r.getColumnDimension();
        double[][] result = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            double[] z = solveNormal(r, e);
            double previous = Double.MAX_VALUE;
            for (int step = 1; step <= MAX_REFINEMENTS; step++) {
                double[] dz = solveNormal(r, normalResidual(hi, lo, z, e));
                double size = 0;
                double norm = 0;
                for (int k = 0; k < p; k++) {
                    z[k] += dz[k];
                    size = Math.max(size, Math.abs(dz[k]));
                    norm = Math.max(norm, Math.abs(z[k]));
                }
                if (size <= 1e-17 * norm || (step > 3 && size >= previous)) {
                    break;
                }
                previous = size;
            }
            result[j] = z;
        }
        return result;
    }

    /** Solves {@code R'R z = v} by two triangular solves. */
    static double[] solveNormal(RealMatrix r, double[] v) {
        int p = v.length;
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            double s = v[i];
            for (int k = 0; k < i; k++) {
                s -= r.getEntry(k, i) * w[k];
            }
            w[i] = s / r.getEntry(i, i);
        }
        return solveUpper(r, w);
    }

    /** Solves {@code R z = w} for upper-triangular {@code R} by back substitution. */
    static double[] solveUpper(RealMatrix r, double[] w) {
        int p = w.length;
        double[] z = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = w[i];
            for (int k = i + 1; k < p; k++) {
                s -= r.getEntry(i, k) * z[k];
            }
            z[i] = s / r.getEntry(i, i);
        }
        return z;
    }

    private static double[] normalResidual(double[][] hi, double[][] lo, double[] z, double[] e) {
        int n = hi.length;
        int p = z.length;
        double[] xzHi = new double[n];
        double[] xzLo = new double[n];
        for (int i = 0; i < n; i++) {
            CompensatedSum s = new CompensatedSum();
            for (int k = 0; k < p; k++) {
                s.addProduct(hi[i][k], z[k]);
                s.addProduct(lo[i][k], z[k]);
            }
            xzHi[i] = s.value();
            s.add(-xzHi[i]);
            xzLo[i] = s.value();
        }
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            CompensatedSum s = new CompensatedSum();
            s.add(e[j]);
            for (int i = 0; i < n; i++) {
                s.addProduct(-hi[i][j], xzHi[i]);
                s.addProduct(-hi[i][j], xzLo[i]);
                s.addProduct(-lo[i][j], xzHi[i]);
            }
            out[j] = s.value();
        }
        return out;
    }

    /**
     * @param coefficients     the least-squares solution
     * @param covarianceFactor {@code (X'X)^-1}; the coefficients' covariance is this times sigma^2
     * @param residuals        {@code y - X b}, each computed in extended precision
     * @param conditionNumber  2-norm condition number of the column-scaled design
     * @param refinements      refinement steps taken
     */
    public record Solution(double[] coefficients, double[][] covarianceFactor, double[] residuals,
                           double conditionNumber, int refinements) {
    }
}
