package io.streamwatch.regression.model;

/**
 * Streaming sufficient statistics of rows {@code z = (x_1..x_k, y)}: count, means and the co-moment
 * matrix of deviations (Welford's update), or raw second moments for a model without intercept.
 * Accumulators of different chunks merge exactly (Chan et al.), so a file can be read in parallel.
 * Memory is O(k^2) whatever the number of rows.
 */
public final class MomentAccumulator {

    private final int d;
    private final boolean centred;
    private long n;
    private final double[] mean;
    private final double[] m;
    private final double[] delta;

    /**
     * @param dimensions k + 1 (features and the label)
     * @param centred    centre on the running means (models with an intercept)
     */
    public MomentAccumulator(int dimensions, boolean centred) {
        this.d = dimensions;
        this.centred = centred;
        this.mean = new double[d];
        this.m = new double[d * d];
        this.delta = new double[d];
    }

    public void add(double[] z) {
        n++;
        if (!centred) {
            for (int i = 0; i < d; i++) {
                double zi = z[i];
                int row = i * d;
                for (int j = 0; j <= i; j++) {
                    m[row + j] += zi * z[j];
                }
            }
            return;
        }
        double inv = 1.0 / n;
        for (int i = 0; i < d; i++) {
            delta[i] = z[i] - mean[i];
            mean[i] += delta[i] * inv;
        }
        for (int i = 0; i < d; i++) {
            double after = z[i] - mean[i];
            int row = i * d;
            for (int j = 0; j <= i; j++) {
                m[row + j] += after * delta[j];
            }
        }
    }

    /** Adds another accumulator's rows to this one. */
    public void merge(MomentAccumulator other) {
        if (other.n == 0) {
            return;
        }
        if (!centred) {
            for (int k = 0; k < m.length; k++) {
                m[k] += other.m[k];
            }
            n += other.n;
            return;
        }
        long total = n + other.n;
        double factor = (double) n * other.n / total;
        double[] dm = new double[d];
        for (int i = 0; i < d; i++) {
            dm[i] = other.mean[i] - mean[i];
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                m[i * d + j] += other.m[i * d + j] + dm[i] * dm[j] * factor;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] += dm[i] * other.n / total;
        }
        n = total;
    }

    public long count() {
        return n;
    }

    public boolean centred() {
        return centred;
    }

    public int dimensions() {
        return d;
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Co-moment (centred) or raw second moment of dimensions i and j. */
    public double moment(int i, int j) {
        return i >= j ? m[i * d + j] : m[j * d + i];
    }
}
