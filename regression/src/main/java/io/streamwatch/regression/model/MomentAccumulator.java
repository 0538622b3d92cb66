package io.streamwatch.regression.model;

/**
 * Streaming sufficient statistics of rows {@code z = (x_1..x_k, y)}: count, means and the co-moment
 * matrix of deviations, or raw second moments for a model without intercept. Memory is O(k^2) whatever
 * the number of rows, and accumulators of different chunks merge exactly (Chan, Golub and LeVeque), so a
 * file can be read in parallel.
 *
 * <p>Rows are summed in blocks of {@value #BLOCK} as deviations from the block's first row (cheap: no
 * division per row), and each block is folded into the running totals with the pairwise merge formula.
 * The shift removes the data's offset, so data far from the origin keeps its digits as it would with
 * Welford's update.
 */
public final class MomentAccumulator {

    static final int BLOCK = 4096;

    private final int d;
    private final boolean centred;
    private long n;
    private final double[] mean;
    private final double[] m;

    private int blockRows;
    private final double[] shift;
    private final double[] blockSum;
    private final double[] blockM;
    private final double[] deviation;

    /**
     * @param dimensions k + 1 (features and the label)
     * @param centred    centre on the means (models with an intercept)
     */
    public MomentAccumulator(int dimensions, boolean centred) {
        this.d = dimensions;
        this.centred = centred;
        this.mean = new double[d];
        this.m = new double[d * d];
        this.shift = new double[d];
        this.blockSum = new double[d];
        this.blockM = new double[d * d];
        this.deviation = new double[d];
    }

    public void add(double[] z) {
        if (!centred) {
            n++;
            for (int i = 0; i < d; i++) {
                double zi = z[i];
                int row = i * d;
                for (int j = 0; j <= i; j++) {
                    m[row + j] += zi * z[j];
                }
            }
            return;
        }
        if (blockRows == 0) {
            System.arraycopy(z, 0, shift, 0, d);
        }
        blockRows++;
        double[] dev = deviation;
        for (int i = 0; i < d; i++) {
            dev[i] = z[i] - shift[i];
            blockSum[i] += dev[i];
        }
        for (int i = 0; i < d; i++) {
            double di = dev[i];
            int row = i * d;
            for (int j = 0; j <= i; j++) {
                blockM[row + j] += di * dev[j];
            }
        }
        if (blockRows == BLOCK) {
            foldBlock();
        }
    }

    /** Merges the pending block into the totals. */
    private void foldBlock() {
        if (blockRows == 0) {
            return;
        }
        double nb = blockRows;
        double[] blockMean = new double[d];
        for (int i = 0; i < d; i++) {
            blockMean[i] = blockSum[i] / nb;
        }
        // Block co-moments about the block mean: sum(d d') - nb * mean(d) mean(d)'.
        double[] centredBlock = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                centredBlock[i * d + j] = blockM[i * d + j] - nb * blockMean[i] * blockMean[j];
            }
        }
        for (int i = 0; i < d; i++) {
            blockMean[i] += shift[i];
        }
        merge(blockRows, blockMean, centredBlock);
        blockRows = 0;
        java.util.Arrays.fill(blockSum, 0);
        java.util.Arrays.fill(blockM, 0);
    }

    private void merge(long otherN, double[] otherMean, double[] otherM) {
        if (otherN == 0) {
            return;
        }
        long total = n + otherN;
        double factor = (double) n * otherN / total;
        for (int i = 0; i < d; i++) {
            double di = otherMean[i] - mean[i];
            for (int j = 0; j <= i; j++) {
                m[i * d + j] += otherM[i * d + j] + di * (otherMean[j] - mean[j]) * factor;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] += (otherMean[i] - mean[i]) * otherN / total;
        }
        n = total;
    }

    /** Adds another accumulator's rows to this one. */
    public void merge(MomentAccumulator other) {
        other.foldBlock();
        if (!centred) {
            for (int k = 0; k < m.length; k++) {
                m[k] += other.m[k];
            }
            n += other.n;
            return;
        }
        foldBlock();
        merge(other.n, other.mean, other.m);
    }

    public long count() {
        foldBlock();
        return n;
    }

    public boolean centred() {
        return centred;
    }

    public double mean(int i) {
        foldBlock();
        return mean[i];
    }

    /** Co-moment (centred) or raw second moment of dimensions i and j. */
    public double moment(int i, int j) {
        foldBlock();
        return i >= j ? m[i * d + j] : m[j * d + i];
    }
}
