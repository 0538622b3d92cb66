package io.streamwatch.regression.solve;

import java.math.BigDecimal;

/**
 * A double-double number: the unevaluated sum {@code hi + lo} with |lo| ≤ ulp(hi)/2, about 32 significant
 * digits (Dekker 1971; the algorithms of Hida, Li and Bailey's QD library, with {@link Math#fma} for exact
 * products). Immutable. Used where the inputs are known to more than double precision, as the powers a
 * formula builds from exact decimals.
 */
public record DD(double hi, double lo) {

    public static final DD ZERO = new DD(0, 0);
    public static final DD ONE = new DD(1, 0);

    public static DD of(double v) {
        return new DD(v, 0);
    }

    /**
     * The decimal number as written, to about 32 digits: exact for up to 31 significant digits and a
     * power of ten up to 10^22, as CSV data are.
     *
     * @throws NumberFormatException when the text is not a decimal number
     */
    public static DD parse(String text) {
        BigDecimal exact = new BigDecimal(text.strip());
        double hi = exact.doubleValue();
        if (!Double.isFinite(hi)) {
            return of(hi);
        }
        // The rounding error of hi, itself rounded: hi + lo is the decimal to about 2^-106 relative.
        double lo = exact.subtract(new BigDecimal(hi)).doubleValue();
        return normalized(hi, lo);
    }

    public double doubleValue() {
        return hi + lo;
    }

    public DD add(DD b) {
        double s = hi + b.hi;
        double v = s - hi;
        double e = (hi - (s - v)) + (b.hi - v);
        double t = lo + b.lo;
        double w = t - lo;
        double f = (lo - (t - w)) + (b.lo - w);
        e += t;
        double s2 = s + e;
        e = e - (s2 - s) + f;
        return normalized(s2, e);
    }

    public DD negate() {
        return new DD(-hi, -lo);
    }

    public DD subtract(DD b) {
        return add(b.negate());
    }

    public DD multiply(DD b) {
        double p = hi * b.hi;
        double e = Math.fma(hi, b.hi, -p);
        e += hi * b.lo + lo * b.hi;
        return normalized(p, e);
    }

    public DD divide(DD b) {
        double q1 = hi / b.hi;
        DD r = subtract(b.multiply(of(q1)));
        double q2 = r.hi / b.hi;
        r = r.subtract(b.multiply(of(q2)));
        double q3 = r.hi / b.hi;
        return normalized(q1, q2).add(of(q3));
    }

    public DD sqrt() {
        if (hi <= 0) {
            return ZERO;
        }
        double x = 1 / Math.sqrt(hi);
        double a = hi * x;
        DD square = of(a).multiply(of(a));
        double correction = subtract(square).hi * (x * 0.5);
        return of(a).add(of(correction));
    }

    public DD abs() {
        return hi < 0 ? negate() : this;
    }

    public int signum() {
        return hi > 0 ? 1 : hi < 0 ? -1 : 0;
    }

    private static DD normalized(double a, double b) {
        double s = a + b;
        return new DD(s, b - (s - a));
    }
}
