package io.streamwatch.regression.inference;

/**
 * Accumulates the training residuals' {@link Diagnostics} a residual at a time, in file order, in constant
 * memory: central moments up to the fourth by the one-pass update of Pébay (2008), which merges exactly
 * (Terriberry's pairwise formulas), and the Durbin-Watson sums, whose parts join at their boundary
 * residuals. One accumulator per part of the input, merged in input order.
 */
public final class ResidualDiagnostics implements java.io.Serializable {

    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double sumOfSquares;
    private double differences;
    private double first = Double.NaN;
    private double last = Double.NaN;

    public void add(double r) {
        long n1 = n;
        n++;
        double delta = r - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term = delta * deltaN * n1;
        mean += deltaN;
        m4 += term * deltaN2 * ((double) n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term;
        sumOfSquares += r * r;
        if (n1 == 0) {
            first = r;
        } else {
            differences += (r - last) * (r - last);
        }
        last = r;
    }

    /** Adds the residuals that come after these in file order. */
    public void merge(ResidualDiagnostics next) {
        if (next.n == 0) {
            return;
        }
        if (n == 0) {
            copy(next);
            return;
        }
        double na = n;
        double nb = next.n;
        double total = na + nb;
        double delta = next.mean - mean;
        double delta2 = delta * delta;
        double m4Merged = m4 + next.m4 + delta2 * delta2 * na * nb * (na * na - na * nb + nb * nb) / (total * total * total)
                + 6 * delta2 * (na * na * next.m2 + nb * nb * m2) / (total * total)
                + 4 * delta * (na * next.m3 - nb * m3) / total;
        double m3Merged = m3 + next.m3 + delta2 * delta * na * nb * (na - nb) / (total * total)
                + 3 * delta * (na * next.m2 - nb * m2) / total;
        m2 += next.m2 + delta2 * na * nb / total;
        m3 = m3Merged;
        m4 = m4Merged;
        mean += delta * nb / total;
        n += next.n;
        sumOfSquares += next.sumOfSquares;
        differences += next.differences + (next.first - last) * (next.first - last);
        last = next.last;
    }

    private void copy(ResidualDiagnostics other) {
        n = other.n;
        mean = other.mean;
        m2 = other.m2;
        m3 = other.m3;
        m4 = other.m4;
        sumOfSquares = other.sumOfSquares;
        differences = other.differences;
        first = other.first;
        last = other.last;
    }

    /** @param conditionNumber the design's condition number as statsmodels reports it */
    public Diagnostics diagnostics(double conditionNumber) {
        double skew = (m3 / n) / Math.pow(m2 / n, 1.5);
        double kurtosis = (m4 / n) / ((m2 / n) * (m2 / n));
        double omnibus = NormalityTests.omnibus(skew, kurtosis, n);
        double jarqueBera = n / 6.0 * (skew * skew + (kurtosis - 3) * (kurtosis - 3) / 4);
        return new Diagnostics(omnibus, Math.exp(-omnibus / 2), skew, kurtosis, differences / sumOfSquares,
                jarqueBera, Math.exp(-jarqueBera / 2), conditionNumber);
    }
}
