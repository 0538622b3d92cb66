package io.streamwatch.regression.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link StreamingQr} in double-double arithmetic ({@link DD}): the triangular factor of {@code [X y]}
 * accumulated a block of rows at a time by Householder QR, to about 32 digits. For designs given to more
 * than double precision (a formula's powers of exact decimals): with the factor that accurate, the
 * coefficients of even NIST Filip (condition number 1e15) come out to double precision without
 * refinement. About twenty times the arithmetic of the double version; memory O(c²) whatever the rows.
 *
 * <p>Not thread-safe: one accumulator per thread, merged in input order.
 */
public final class ExtendedQr {

    private static final int BLOCK = 64;
    /** A column whose distance from the others is below this share of its length depends on them. */
    private static final double RANK_TOLERANCE = 1e-24;

    private final int c;
    /** Row-major: the current R (c rows) on top, then up to BLOCK pending rows. */
    private final DD[][] a;
    private int pending;
    private long n;

    /** @param columns the design's columns (intercept included) plus one for the response */
    public ExtendedQr(int columns) {
        this.c = columns;
        this.a = new DD[columns + BLOCK][columns];
        for (DD[] row : a) {
            java.util.Arrays.fill(row, DD.ZERO);
        }
    }

    /** Adds one row {@code (x_1..x_p, y)}; the array may be reused by the caller. */
    public void add(DD[] row) {
        System.arraycopy(row, 0, a[c + pending], 0, c);
        n++;
        if (++pending == BLOCK) {
            fold();
        }
    }

    /** Adds another accumulator's rows (later in the input). */
    public void merge(ExtendedQr other) {
        other.fold();
        fold();
        for (int i = 0; i < c; i++) {
            System.arraycopy(other.a[i], 0, a[c + pending], 0, c);
            pending++;
            if (pending == BLOCK) {
                fold();
            }
        }
        n += other.n;
        fold();
    }

    public long rows() {
        return n;
    }

    /** Householder QR of R stacked on the pending rows; leaves the new R on top. */
    private void fold() {
        if (pending == 0) {
            return;
        }
        int rows = c + pending;
        for (int j = 0; j < c; j++) {
            DD norm2 = a[j][j].multiply(a[j][j]);
            boolean any = a[j][j].signum() != 0;
            for (int i = c; i < rows; i++) {
                norm2 = norm2.add(a[i][j].multiply(a[i][j]));
                any |= a[i][j].signum() != 0;
            }
            if (!any) {
                continue;
            }
            DD norm = norm2.sqrt();
            DD alpha = a[j][j].signum() >= 0 ? norm.negate() : norm;
            DD v0 = a[j][j].subtract(alpha);
            // H = I - v v' / (-alpha v0), v = (v0 at row j, the pending rows' column j).
            DD beta = DD.ONE.negate().divide(alpha.multiply(v0));
            for (int k = j + 1; k < c; k++) {
                DD dot = v0.multiply(a[j][k]);
                for (int i = c; i < rows; i++) {
                    dot = dot.add(a[i][j].multiply(a[i][k]));
                }
                DD f = dot.multiply(beta);
                a[j][k] = a[j][k].subtract(f.multiply(v0));
                for (int i = c; i < rows; i++) {
                    a[i][k] = a[i][k].subtract(f.multiply(a[i][j]));
                }
            }
            a[j][j] = alpha;
            for (int i = c; i < rows; i++) {
                a[i][j] = DD.ZERO;
            }
        }
        for (int i = c; i < rows; i++) {
            java.util.Arrays.fill(a[i], DD.ZERO);
        }
        pending = 0;
    }

    /** R rounded to double, row-major c × c: for what needs only double precision (leverages, conditioning). */
    public double[] roundedR() {
        fold();
        double[] r = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = i; j < c; j++) {
                r[i * c + j] = a[i][j].doubleValue();
            }
        }
        return r;
    }

    /**
     * The least-squares estimate, solved in double-double.
     *
     * @param names     the design's column names
     * @param intercept whether column 0 is the column of ones
     * @throws RankDeficientException naming the columns that depend on the others
     */
    public Estimate estimate(List<String> names, boolean intercept, double conditionNumber) {
        fold();
        int p = c - 1;
        if (n <= p) {
            throw new IllegalArgumentException("need more rows than coefficients: " + n + " rows for " + p
                    + " coefficients " + names);
        }
        List<String> dependent = new ArrayList<>();
        List<String> independent = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            DD norm2 = DD.ZERO;
            for (int i = 0; i <= j; i++) {
                norm2 = norm2.add(a[i][j].multiply(a[i][j]));
            }
            boolean small = Math.abs(a[j][j].hi()) <= RANK_TOLERANCE * Math.sqrt(norm2.hi());
            (small ? dependent : independent).add(names.get(j));
        }
        if (!dependent.isEmpty()) {
            throw LeastSquares.rankDeficient(independent.size(), p, dependent, independent);
        }
        DD[] b = new DD[p];
        for (int i = p - 1; i >= 0; i--) {
            DD s = a[i][p];
            for (int k = i + 1; k < p; k++) {
                s = s.subtract(a[i][k].multiply(b[k]));
            }
            b[i] = s.divide(a[i][i]);
        }
        // R11^-1, upper-triangular, column by column; then (R'R)^-1 = R^-1 R^-T.
        DD[][] inv = new DD[p][p];
        for (DD[] row : inv) {
            java.util.Arrays.fill(row, DD.ZERO);
        }
        for (int j = 0; j < p; j++) {
            inv[j][j] = DD.ONE.divide(a[j][j]);
            for (int i = j - 1; i >= 0; i--) {
                DD s = DD.ZERO;
                for (int k = i + 1; k <= j; k++) {
                    s = s.add(a[i][k].multiply(inv[k][j]));
                }
                inv[i][j] = s.negate().divide(a[i][i]);
            }
        }
        double[][] covariance = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                DD s = DD.ZERO;
                for (int k = Math.max(i, j); k < p; k++) {
                    s = s.add(inv[i][k].multiply(inv[j][k]));
                }
                covariance[i][j] = s.doubleValue();
            }
        }
        double[] coefficients = new double[p];
        for (int j = 0; j < p; j++) {
            coefficients[j] = b[j].doubleValue();
        }
        DD tss = DD.ZERO;
        for (int i = intercept ? 1 : 0; i <= p; i++) {
            tss = tss.add(a[i][p].multiply(a[i][p]));
        }
        double rss = a[p][p].multiply(a[p][p]).doubleValue();
        return new Estimate(coefficients, covariance, rss, tss.doubleValue(), n, conditionNumber);
    }
}
