package io.streamwatch.regression.inference;

/**
 * The middle of Newey and West's heteroskedasticity- and autocorrelation-consistent covariance, one part of a
 * pass: {@code S = Σ_t s_t s_t' + Σ_{l=1..L} w_l Σ_t (s_t s_{t-l}' + s_{t-l} s_t')} with Bartlett weights
 * {@code w_l = 1 - l/(L + 1)}, s_t the scores of the rows in input order (statsmodels' {@code S_hac_simple}).
 * A part keeps its first and last L scores; {@link #merge} adds the products across the boundary, as
 * Durbin-Watson's parts join, so the middle is the same whatever the parts' boundaries, to rounding. Memory
 * O(L p + p²).
 */
public final class HacScores implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final int p;
    private final int lags;
    private final double[] weights;
    /** Σ s_t s_t', upper triangle used. */
    private final double[] zero;
    /** Σ_l w_l Σ_t s_t s_{t-l}', full. */
    private final double[] cross;
    /** The first min(n, L) scores, in order. */
    private final double[] head;
    private int headCount;
    /** The last min(n, L) scores, a ring: the newest at {@code (next - 1) mod L}. */
    private double[] ring;
    private int next;
    private long n;

    /** @param lags L ≥ 0 */
    public HacScores(int p, int lags) {
        if (lags < 0) {
            throw new IllegalArgumentException("the number of lags must be >= 0, got " + lags);
        }
        this.p = p;
        this.lags = lags;
        this.weights = new double[lags + 1];
        for (int l = 0; l <= lags; l++) {
            weights[l] = 1 - l / (lags + 1.0);
        }
        this.zero = new double[p * p];
        this.cross = new double[p * p];
        this.head = new double[lags * p];
        this.ring = new double[lags * p];
    }

    /** The next row's score. */
    public void add(double[] s) {
        for (int i = 0; i < p; i++) {
            double si = s[i];
            for (int j = i; j < p; j++) {
                zero[i * p + j] += si * s[j];
            }
        }
        long back = Math.min(n, lags);
        for (int l = 1; l <= back; l++) {
            int at = Math.floorMod(next - l, lags) * p;
            double w = weights[l];
            for (int i = 0; i < p; i++) {
                double wi = w * s[i];
                for (int j = 0; j < p; j++) {
                    cross[i * p + j] += wi * ring[at + j];
                }
            }
        }
        if (lags > 0) {
            System.arraycopy(s, 0, ring, next * p, p);
            next = (next + 1) % lags;
            if (headCount < lags) {
                System.arraycopy(s, 0, head, headCount * p, p);
                headCount++;
            }
        }
        n++;
    }

    /** The last min(n, L) scores, oldest first. */
    private double[] tail() {
        int count = (int) Math.min(n, lags);
        double[] out = new double[count * p];
        for (int k = 0; k < count; k++) {
            System.arraycopy(ring, Math.floorMod(next - count + k, lags) * p, out, k * p, p);
        }
        return out;
    }

    /** Adds the part that follows this one in input order, with the lagged products across the boundary. */
    public void merge(HacScores after) {
        if (after.n == 0) {
            return;
        }
        double[] tail = tail();
        int t = tail.length / p;
        for (int a = 0; a < after.headCount; a++) {
            for (int k = 0; k < t; k++) {
                int lag = a + t - k;
                if (lag > lags) {
                    continue;
                }
                double w = weights[lag];
                for (int i = 0; i < p; i++) {
                    double wi = w * after.head[a * p + i];
                    for (int j = 0; j < p; j++) {
                        cross[i * p + j] += wi * tail[k * p + j];
                    }
                }
            }
        }
        for (int k = 0; k < zero.length; k++) {
            zero[k] += after.zero[k];
            cross[k] += after.cross[k];
        }
        for (int a = 0; headCount < lags && a < after.headCount; a++) {
            System.arraycopy(after.head, a * p, head, headCount * p, p);
            headCount++;
        }
        if (lags > 0) {
            double[] afterTail = after.tail();
            double[] both = new double[tail.length + afterTail.length];
            System.arraycopy(tail, 0, both, 0, tail.length);
            System.arraycopy(afterTail, 0, both, tail.length, afterTail.length);
            int keep = Math.min(lags, both.length / p);
            ring = new double[lags * p];
            System.arraycopy(both, both.length - keep * p, ring, 0, keep * p);
            next = keep % lags;
        }
        n += after.n;
    }

    /** Rows added. */
    public long rows() {
        return n;
    }

    public int lags() {
        return lags;
    }

    /** The middle S, p × p. */
    public double[][] middle() {
        double[][] m = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double v = zero[i * p + j] + cross[i * p + j] + cross[j * p + i];
                m[i][j] = v;
                m[j][i] = v;
            }
        }
        return m;
    }
}
