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

    /**
     * A number as Spark's CSV reader reads one: a decimal, or one of its spellings of the non-finite values
     * ({@link #nonFinite}). Hex floats ({@code 0x1p3}) and Java's type suffixes ({@code 1d}) are not data.
     */
    public static Optional<Double> parseDouble(String s) {
        double special = nonFinite(s);
        if (!Double.isNaN(special) || isNaNSpelling(s)) {
            return Optional.of(special);
        }
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

    /**
     * Spark's CSV spellings of the non-finite doubles (its defaults {@code nanValue}, {@code positiveInf},
     * {@code negativeInf}, and what Java's parser accepts): {@code NaN}, {@code Inf}, {@code +Inf},
     * {@code Infinity}, {@code +Infinity}, {@code -Inf}, {@code -Infinity}. NaN for anything else, as for
     * {@code NaN} itself: tell them apart with {@link #isNaNSpelling}.
     */
    public static double nonFinite(String s) {
        return switch (s) {
            case "Inf", "+Inf", "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    public static boolean isNaNSpelling(String s) {
        return s.equals("NaN");
    }

    /**
     * Whether a value that is not a number is a number written with a decimal comma ({@code 1,5},
     * {@code -1.234,5}): it counts towards a numeric column, as an invalid value the messages explain.
     */
    public static boolean looksLikeDecimalComma(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        int comma = s.indexOf(',');
        if (comma <= i || comma != s.lastIndexOf(',') || comma == s.length() - 1) {
            return false;
        }
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c == ',' || c == '.' && k < comma)) {
                return false;
            }
        }
        return true;
    }

    /** Why a value of a numeric column is not a usable number, quoting it: for messages. */
    public static String whyNotANumber(String s) {
        if (parseDouble(s).isPresent()) {
            return "'" + s + "' is not a finite number";
        }
        return "'" + s + "' is not a number" + (looksLikeDecimalComma(s)
                ? ", it looks like a decimal comma: write numbers with a point (" + s.replace(".", "").replace(',', '.')
                + ")" : "");
    }

    public static boolean isBoolean(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false");
    }

    /** Converts a non-null field to the column type's Java value (Long, Double, Boolean or String). */
    public static Object convert(String s, ColumnType type) {
        return switch (type) {
            // A stray value of a numeric column stays text: a NaN as a number, itself in messages.
            case INTEGER -> isInteger(s) ? (Object) Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s)
                    : parseDouble(s).<Object>map(d -> d).orElse(s);
            case DOUBLE -> parseDouble(s).<Object>map(d -> d).orElse(s);
            case BOOLEAN -> Boolean.parseBoolean(s.toLowerCase(Locale.ROOT));
            case STRING -> s;
        };
    }

    /**
     * A field of a numeric column as a number: NaN when it is not one (a stray value, which makes its row
     * invalid).
     */
    public static double numberOrNaN(String s, ColumnType type) {
        if (type == ColumnType.INTEGER && isInteger(s)) {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        }
        return parseDouble(s).orElse(Double.NaN);
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
