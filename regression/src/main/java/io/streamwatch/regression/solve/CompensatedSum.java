package io.streamwatch.regression.solve;

/**
 * Sums and dot products in about twice double precision (Ogita, Rump and Oishi's Dot2: error-free
 * transformations with {@link Math#fma}), used where least-squares residuals must be accurate beyond
 * double rounding for iterative refinement.
 */
public final class CompensatedSum implements java.io.Serializable {

    private double sum;
    private double error;

    public void add(double value) {
        double s = sum + value;
        double bp = s - sum;
        error += (sum - (s - bp)) + (value - bp);
        sum = s;
    }

    public void addProduct(double a, double b) {
        double p = a * b;
        add(p);
        error += Math.fma(a, b, -p);
    }

    public double value() {
        return sum + error;
    }

    /** What {@link #value()} rounds away: the sum is {@code value() + lowPart()} to about twice double precision. */
    public double lowPart() {
        double hi = sum + error;
        return (sum - hi) + error;
    }

    /** The exact-ish residual {@code y - x·b}. */
    public static double residual(double y, double[] x, double[] b) {
        CompensatedSum s = new CompensatedSum();
        s.add(y);
        for (int j = 0; j < b.length; j++) {
            s.addProduct(-x[j], b[j]);
        }
        return s.value();
    }
}
