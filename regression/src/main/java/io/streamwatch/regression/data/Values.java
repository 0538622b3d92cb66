package io.streamwatch.regression.data;

import java.util.Locale;
import java.util.Optional;

/** Parsing of single field values, shared by schema inference and conversion. */
public final class Values {

    private Values() {
    }

    public static boolean isInteger(String s) {
        int i = (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        if (i == s.length() || s.length() - i > 18) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public static boolean isDouble(String s) {
        return parseDouble(s).isPresent();
    }

    public static Optional<Double> parseDouble(String s) {
        // Double.parseDouble also accepts "NaN", "Infinity" and hex floats like "0x1p3" or "1d": not data.
        char last = s.charAt(s.length() - 1);
        if (!(Character.isDigit(last) || last == '.') || s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static boolean isBoolean(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false");
    }

    /** Converts a non-null field to the column type's Java value (Long, Double, Boolean or String). */
    public static Object convert(String s, ColumnType type) {
        return switch (type) {
            case INTEGER -> Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
            case DOUBLE -> parseDouble(s).orElseThrow();
            case BOOLEAN -> Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
            case STRING -> s;
        };
    }

    /** A typed value as a number: numbers as they are, booleans 1 and 0, NaN for text that is not a number. */
    public static double toNumber(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return parseDouble(value.toString()).orElse(Double.NaN);
    }

    /** A typed value as text, as the file had it for strings and integers. */
    public static String toText(Object value) {
        return value.toString();
    }

    /** Converts one record's fields to typed values (null for null fields). */
    public static Object[] convertRow(String[] fields, Schema schema, CsvOptions options) {
        Object[] row = new Object[fields.length];
        for (int c = 0; c < fields.length; c++) {
            row[c] = options.isNull(fields[c]) ? null : convert(fields[c], schema.columns().get(c).type());
        }
        return row;
    }
}
