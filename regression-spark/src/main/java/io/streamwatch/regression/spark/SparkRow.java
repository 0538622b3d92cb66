package io.streamwatch.regression.spark;

import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.Values;
import java.math.BigDecimal;

/**
 * One Spark row as the engine reads rows, by slot (the selected columns in order), with its data-row
 * ordinal: a view the scan reuses for the next row. Values read as the CLI reads the same CSV field: a
 * number as its double, a boolean as 1 or 0, text that is not a number as NaN; a blank string is null.
 * Not thread-safe: one per task.
 */
final class SparkRow implements io.streamwatch.regression.data.Row {

    private final ColumnType[] types;
    private final boolean fileLines;
    private org.apache.spark.sql.Row row;
    private long ordinal;

    /**
     * @param fileLines whether the rows are a CSV file's lines, one record a line: messages then name the
     *                  line, as the CLI does; otherwise the data row
     */
    SparkRow(ColumnType[] types, boolean fileLines) {
        this.types = types;
        this.fileLines = fileLines;
    }

    void set(org.apache.spark.sql.Row row, long ordinal) {
        this.row = row;
        this.ordinal = ordinal;
    }

    @Override
    public long line() {
        return ordinal + 1;
    }

    @Override
    public long ordinal() {
        return ordinal;
    }

    @Override
    public String where() {
        return fileLines ? "line " + line() : "row " + ordinal;
    }

    @Override
    public boolean isNull(int slot) {
        if (row.isNullAt(slot)) {
            return true;
        }
        return types[slot] == ColumnType.STRING && row.getString(slot).isBlank();
    }

    @Override
    public double number(int slot) {
        Object value = row.get(slot);
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Values.toNumber(value.toString().strip());
    }

    /**
     * The value as text: strings trimmed, integers and booleans as written, a double as its shortest decimal
     * without trailing zeros ({@code 1.5}, {@code 360}), the decimal a CSV file usually has for it.
     */
    @Override
    public String text(int slot) {
        Object value = row.get(slot);
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? plain(BigDecimal.valueOf(d)) : Double.toString(d);
        }
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        return value.toString();
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
