package io.streamwatch.regression.solve;

/**
 * The triangular factor R of the augmented design {@code [X y]}, accumulated a row at a time by
 * Householder QR (TSQR): rows are gathered in blocks, each block is factored stacked under the current R,
 * and two accumulators merge by factoring their stacked factors. Memory is O(c²) whatever the number of
 * rows, and the factorization is orthogonal, so unlike normal equations it does not square the design's
 * condition number. {@code X = Q R11}, {@code Q'y = (r12, ·)}, and {@code r22² = ||y - X b||²}.
 *
 * <p>Not thread-safe: one accumulator per thread, merged at the end.
 */
public final class StreamingQr implements java.io.Serializable {

    static final int BLOCK = 256;

    private final int c;
    /** Column-major work matrix of {@code c + BLOCK} rows: the current R on top, then the pending rows. */
    private final double[] a;
    private final int m;
    private int pending;
    private long n;

    /** @param columns the design's columns (intercept included) plus one for the response */
    public StreamingQr(int columns) {
        this.c = columns;
        this.m = columns + BLOCK;
        this.a = new double[m * columns];
    }

    /** Adds one row {@code (x_1..x_p, y)}; the array may be reused by the caller. */
    public void add(double[] row) {
        int i = c + pending;
        for (int j = 0; j < c; j++) {
            a[j * m + i] = row[j];
        }
        n++;
        if (++pending == BLOCK) {
            fold();
        }
    }

    /** Adds another accumulator's rows. */
    public void merge(StreamingQr other) {
        other.fold();
        fold();
        double[] r = other.r();
        for (int i = 0; i < c; i++) {
            int row = c + i;
            for (int j = 0; j < c; j++) {
                a[j * m + row] = r[i * c + j];
            }
        }
        pending = c;
        n += other.n;
        fold();
    }

    public long rows() {
        return n;
    }

    /** R, {@code c × c} row-major upper-triangular; its diagonal may have either sign. */
    public double[] r() {
        fold();
        double[] r = new double[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = i; j < c; j++) {
                r[i * c + j] = a[j * m + i];
            }
        }
        return r;
    }

    /** Householder QR of R stacked on the pending rows; leaves the new R on top and clears the rest. */
    private void fold() {
        if (pending == 0) {
            return;
        }
        int rows = c + pending;
        for (int j = 0; j < c; j++) {
            int col = j * m;
            // Entries below the diagonal that can be nonzero: row j itself and the pending rows.
            double scale = Math.abs(a[col + j]);
            for (int i = c; i < rows; i++) {
                scale = Math.max(scale, Math.abs(a[col + i]));
            }
            if (scale == 0) {
                continue;
            }
            double norm2 = sq(a[col + j] / scale);
            for (int i = c; i < rows; i++) {
                norm2 += sq(a[col + i] / scale);
            }
            double alpha = -Math.copySign(scale * Math.sqrt(norm2), a[col + j]);
            double v0 = a[col + j] - alpha;
            // v = (v0 at row j, a[i][j] for the pending rows); H = I - 2 v v' / (v'v), v'v = -2 alpha v0.
            double beta = -1.0 / (alpha * v0);
            for (int k = j + 1; k < c; k++) {
                int other = k * m;
                double dot = v0 * a[other + j];
                for (int i = c; i < rows; i++) {
                    dot += a[col + i] * a[other + i];
                }
                double f = dot * beta;
                a[other + j] -= f * v0;
                for (int i = c; i < rows; i++) {
                    a[other + i] -= f * a[col + i];
                }
            }
            a[col + j] = alpha;
            for (int i = c; i < rows; i++) {
                a[col + i] = 0;
            }
        }
        for (int j = 0; j < c; j++) {
            java.util.Arrays.fill(a, j * m + c, j * m + rows, 0);
        }
        pending = 0;
    }

    private static double sq(double x) {
        return x * x;
    }
}
