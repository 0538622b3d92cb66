package io.streamwatch.regression.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Numbers and blanks in ASCII bytes, eight bytes at a time where it pays: the byte-level kernels of the
 * parallel CSV reader ({@link NumericCsvSource}), with no state. Every function gives what the general reader's
 * {@link String}-based parsing gives for the same field.
 */
final class AsciiDecimal {

    /** 10^0 .. 10^15, all exact doubles. */
    static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long ASCII_ZEROS = 0x3030303030303030L;
    static final long[] LONG_POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L};

    private AsciiDecimal() {
    }

    /** The first index of {@code b} in {@code buf[from, to)}, or -1. */
    static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How many of a little-endian word's bytes, from its first, are ASCII digits (8 if all are): a byte is
     * a digit when its high nibble is 3 and stays 3 after adding 6. A carry out of a byte at or above 0xFA
     * only reaches bytes after it, past the first non-digit.
     */
    static int leadingDigits(long word) {
        long high = word & 0xF0F0F0F0F0F0F0F0L;
        long afterSix = ((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4;
        return Long.numberOfTrailingZeros((high | afterSix) ^ 0x3333333333333333L) >>> 3;
    }

    /**
     * The number written by eight digit values (0..9), one a byte, the first in the lowest byte: three
     * multiplications instead of eight dependent ones (the SWAR method fast_float and simdjson use).
     */
    static long eightDigits(long digits) {
        long pairs = digits * 10 + (digits >>> 8);
        return ((pairs & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((pairs >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
    }

    /** The first index of {@code bytes[from, to)} past blanks: bytes up to the space, as String.trim skips. */
    static int blanksEnd(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] >= 0 && bytes[from] <= ' ') {
            from++;
        }
        return from;
    }

    /** The end of {@code bytes[from, to)} before its trailing blanks. */
    static int blanksStart(byte[] bytes, int from, int to) {
        while (to > from && bytes[to - 1] >= 0 && bytes[to - 1] <= ' ') {
            to--;
        }
        return to;
    }

    /**
     * Clinger's fast path for the common case, a plain decimal of at most 15 digits ({@code -12.345}):
     * its digits and the power of ten are exact doubles, so one division is correctly rounded, the same
     * double that {@link Double#parseDouble} gives. NaN for anything else (left to fastdoubleparser).
     */
    static double simpleDecimal(byte[] buf, int a, int b) {
        int i = a;
        boolean negative = buf[i] == '-';
        if (negative || buf[i] == '+') {
        i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < b; i++) {
        int c = buf[i] - '0';
        if (c >= 0 && c <= 9) {
            mantissa = mantissa * 10 + c;
            digits++;
        } else if (buf[i] == '.' && fraction < 0) {
            fraction = i;
        } else {
            return Double.NaN;
        }
        }
        int scale = fraction < 0 ? 0 : b - fraction - 1;
        if (digits == 0 || digits > 15) {
        return Double.NaN;
        }
        double value = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
        return negative ? -value : value;
    }
}
