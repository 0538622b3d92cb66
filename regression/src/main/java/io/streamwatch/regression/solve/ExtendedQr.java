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
public final class ExtendedQr implements java.io.Serializable {

    private static final int BLOCK = 64;
    /** A column whose distance from the others is below this share of its length depends on them. */
    private static final double RANK_TOLERANCE = 1e-24;

    private final int c;
    /**
     * Row-major, as the high and low doubles of each double-double (no object per element: the fold
     * updates every element of every block): the current R (c rows) on top, then up to BLOCK pending rows.
     */
    private final double[][] hi;
    private final double[][] lo;
    private int pending;
    private long n;

    /** @param columns the design's columns (intercept included) plus one for the response */
    public ExtendedQr(int columns) {
        this.c = columns;
        this.hi = new double[columns + BLOCK][columns];
        this.lo = new double[columns + BLOCK][columns];
    }

    /** Adds one row {@code (x_1..x_p, y)}; the array may be reused by the caller. */
    public void add(DD[] row) {
        int r = c + pending;
        for (int j = 0; j < c; j++) {
            hi[r][j] = row[j].hi();
            lo[r][j] = row[j].lo();
        }
        n++;
        if (++pending == BLOCK) {
            fold();
        }
    }

    private DD at(int i, int j) {
        return new DD(hi[i][j], lo[i][j]);
    }

    private void set(int i, int j, DD value) {
        hi[i][j] = value.hi();
        lo[i][j] = value.lo();
    }

    /** Adds another accumulator's rows (later in the input). */
    public void merge(ExtendedQr other) {
        other.fold();
        fold();
        for (int i = 0; i < c; i++) {
            System.arraycopy(other.hi[i], 0, hi[c + pending], 0, c);
            System.arraycopy(other.lo[i], 0, lo[c + pending], 0, c);
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

    /**
     * Householder QR of R stacked on the pending rows; leaves the new R on top. The loops over rows work on
     * the arrays through {@link Sum}, with the very operations of {@link DD}, so the result is the same to
     * the bit as with DD values.
     */
    private void fold() {
        if (pending == 0) {
            return;
        }
        int rows = c + pending;
        Sum sum = new Sum();
        for (int j = 0; j < c; j++) {
            sum.setProduct(hi[j][j], lo[j][j], hi[j][j], lo[j][j]);
            boolean any = hi[j][j] != 0;
            for (int i = c; i < rows; i++) {
                sum.addProduct(hi[i][j], lo[i][j], hi[i][j], lo[i][j]);
                any |= hi[i][j] != 0;
            }
            if (!any) {
                continue;
            }
            DD norm = sum.value().sqrt();
            DD ajj = at(j, j);
            DD alpha = ajj.signum() >= 0 ? norm.negate() : norm;
            DD v0 = ajj.subtract(alpha);
            // H = I - v v' / (-alpha v0), v = (v0 at row j, the pending rows' column j).
            DD beta = DD.ONE.negate().divide(alpha.multiply(v0));
            for (int k = j + 1; k < c; k++) {
                sum.setProduct(v0.hi(), v0.lo(), hi[j][k], lo[j][k]);
                for (int i = c; i < rows; i++) {
                    sum.addProduct(hi[i][j], lo[i][j], hi[i][k], lo[i][k]);
                }
                DD f = sum.value().multiply(beta);
                set(j, k, at(j, k).subtract(f.multiply(v0)));
                double fh = f.hi();
                double fl = f.lo();
                for (int i = c; i < rows; i++) {
                    sum.set(hi[i][k], lo[i][k]);
                    sum.subtractProduct(fh, fl, hi[i][j], lo[i][j]);
                    hi[i][k] = sum.hi;
                    lo[i][k] = sum.lo;
                }
            }
            set(j, j, alpha);
            for (int i = c; i < rows; i++) {
                hi[i][j] = 0;
                lo[i][j] = 0;
            }
        }
        for (int i = c; i < rows; i++) {
            java.util.Arrays.fill(hi[i], 0);
            java.util.Arrays.fill(lo[i], 0);
        }
        pending = 0;
    }

    /**
     * A double-double updated in place: {@link DD#add} of {@link DD#multiply}, step for step, without an
     * object per step (a loop-carried DD value is one allocation a step: escape analysis cannot remove it).
     */
    private static final class Sum {
        double hi;
        double lo;

        void set(double h, double l) {
            hi = h;
            lo = l;
        }

        DD value() {
            return new DD(hi, lo);
        }

        /** this = x y, as {@code x.multiply(y)}. */
        void setProduct(double xh, double xl, double yh, double yl) {
            double p = xh * yh;
            double e = Math.fma(xh, yh, -p);
            e += xh * yl + xl * yh;
            hi = p + e;
            lo = e - (hi - p);
        }

        /** this = this + x y, as {@code this.add(x.multiply(y))}. */
        void addProduct(double xh, double xl, double yh, double yl) {
            double p = xh * yh;
            double e = Math.fma(xh, yh, -p);
            e += xh * yl + xl * yh;
            double ph = p + e;
            add(ph, e - (ph - p));
        }

        /** this = this - x y, as {@code this.subtract(x.multiply(y))}. */
        void subtractProduct(double xh, double xl, double yh, double yl) {
            double p = xh * yh;
            double e = Math.fma(xh, yh, -p);
            e += xh * yl + xl * yh;
            double ph = p + e;
            add(-ph, -(e - (ph - p)));
        }

        /** this = this + b, as {@link DD#add}. */
        private void add(double bh, double bl) {
            double s = hi + bh;
            double v = s - hi;
            double e = (hi - (s - v)) + (bh - v);
            double t = lo + bl;
            double w = t - lo;
            double f = (lo - (t - w)) + (bl - w);
            e += t;
            double s2 = s + e;
            e = e - (s2 - s) + f;
            hi = s2 + e;
            lo = e - (hi - s2);
        }
    }

    /** R rounded to double, row-major c × c: for what needs only double precision (leverages, conditioning). */
    public double[] roundedR() {
        fold();
        double[] r = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = i; j < c; j++) {
                r[i * c + j] = at(i, j).doubleValue();
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
                norm2 = norm2.add(at(i, j).multiply(at(i, j)));
            }
            boolean small = Math.abs(at(j, j).hi()) <= RANK_TOLERANCE * Math.sqrt(norm2.hi());
            (small ? dependent : independent).add(names.get(j));
        }
        if (!dependent.isEmpty()) {
            throw LeastSquares.rankDeficient(independent.size(), p, dependent, independent);
        }
        DD[] b = new DD[p];
        for (int i = p - 1; i >= 0; i--) {
            DD s = at(i, p);
            for (int k = i + 1; k < p; k++) {
                s = s.subtract(at(i, k).multiply(b[k]));
            }
            b[i] = s.divide(at(i, i));
        }
        // R11^-1, upper-triangular, column by column; then (R'R)^-1 = R^-1 R^-T.
        DD[][] inv = new DD[p][p];
        for (DD[] row : inv) {
            java.util.Arrays.fill(row, DD.ZERO);
        }
        for (int j = 0; j < p; j++) {
            inv[j][j] = DD.ONE.divide(at(j, j));
            for (int i = j - 1; i >= 0; i--) {
                DD s = DD.ZERO;
                for (int k = i + 1; k <= j; k++) {
                    s = s.add(at(i, k).multiply(inv[k][j]));
                }
                inv[i][j] = s.negate().divide(at(i, i));
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
            tss = tss.add(at(i, p).multiply(at(i, p)));
        }
        double rss = at(p, p).multiply(at(p, p)).doubleValue();
        return new Estimate(coefficients, covariance, rss, tss.doubleValue(), n, conditionNumber);
    }
}
