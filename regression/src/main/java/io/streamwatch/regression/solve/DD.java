package io.streamwatch.regression.solve;

import java.math.BigDecimal;

/**
 * A double-double number: the unevaluated sum {@code hi + lo} with |lo| ≤ ulp(hi)/2, about 32 significant
 * digits (Dekker 1971; the algorithms of Hida, Li and Bailey's QD library, with {@link Math#fma} for exact
 * products). Immutable. Used where the inputs are known to more than double precision, as the powers a
 * formula builds from exact decimals.
 */
public record DD(double hi, double lo) implements java.io.Serializable {

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
        String decimal = text.strip();
        DD plain = plainDecimal(decimal);
        if (plain != null) {
            return plain;
        }
        BigDecimal exact = new BigDecimal(decimal);
        double hi = exact.doubleValue();
        if (!Double.isFinite(hi)) {
            return of(hi);
        }
        // The rounding error of hi, itself rounded: hi + lo is the decimal to about 2^-106 relative.
        double lo = exact.subtract(new BigDecimal(hi)).doubleValue();
        return normalized(hi, lo);
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * {@link #parse} without BigDecimal for a plain decimal of at most 15 digits ({@code -12.345}), the
     * common case, or null for anything else. Its digits m and 10^scale p are exact doubles, so hi = m / p is
     * correctly rounded, the remainder m - hi p is exact by one fused multiply-add, and lo is that remainder
     * over p, correctly rounded: the same two doubles the BigDecimal way gives.
     */
    private static DD plainDecimal(String text) {
        int i = 0;
        int n = text.length();
        boolean negative = n > 0 && text.charAt(0) == '-';
        if (negative || n > 0 && text.charAt(0) == '+') {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 15) {
                    return null;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (mantissa == 0) {
            return of(0.0); // BigDecimal has no negative zero
        }
        double m = negative ? -mantissa : mantissa;
        if (scale <= 0) {
            return new DD(m, 0);
        }
        double p = POWERS_OF_TEN[scale];
        double hi = m / p;
        double lo = Math.fma(-hi, p, m) / p;
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

    static DD normalized(double a, double b) {
        double s = a + b;
        return new DD(s, b - (s - a));
    }
}
