package io.streamwatch.regression.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Infers each column's type as the narrowest of integer, double, boolean, string that fits every
 * non-null value (like Spark's {@code inferSchema}); a column with only nulls is a string. Rows are added
 * one at a time, so a file of any size is inferred in one pass. Not thread-safe.
 */
public final class SchemaInference {

    private final List<String> header;
    private final CsvOptions options;
    private final boolean[] seen;
    private final boolean[] integer;
    private final boolean[] dbl;
    private final boolean[] bool;

    public SchemaInference(List<String> header, CsvOptions options) {
        this.header = List.copyOf(header);
        this.options = options;
        int n = header.size();
        seen = new boolean[n];
        integer = filled(n);
        dbl = filled(n);
        bool = filled(n);
    }

    /** Infers from rows held in memory. */
    public static Schema infer(List<String> header, List<String[]> rows, CsvOptions options) {
        SchemaInference inference = new SchemaInference(header, options);
        rows.forEach(inference::add);
        return inference.schema();
    }

    public void add(String[] row) {
        for (int c = 0; c < row.length; c++) {
            add(c, row[c]);
        }
    }

    /** Adds one value of column {@code c}, as written (trimmed); a null token or an empty value counts for nothing. */
    public void add(int c, String v) {
        if (options.isNull(v) || !(integer[c] || dbl[c] || bool[c])) {
            return;
        }
        seen[c] = true;
        integer[c] = integer[c] && Values.isInteger(v);
        dbl[c] = dbl[c] && (integer[c] || Values.isDouble(v));
        bool[c] = bool[c] && Values.isBoolean(v);
    }

    /**
     * Adds a value of column {@code c} that is a number to {@link Values#isDouble} (the parallel reader parsed
     * it), written as an integer or not: what {@link #add(int, String)} concludes from its text.
     */
    public void addNumber(int c, boolean writtenAsInteger) {
        if (!(integer[c] || dbl[c] || bool[c])) {
            return;
        }
        seen[c] = true;
        integer[c] = integer[c] && writtenAsInteger;
        bool[c] = false;
    }

    /** Adds what another inference saw (of the same header): the schema is the same whatever the parts. */
    public void merge(SchemaInference other) {
        for (int c = 0; c < seen.length; c++) {
            seen[c] |= other.seen[c];
            integer[c] &= other.integer[c];
            dbl[c] &= other.dbl[c];
            bool[c] &= other.bool[c];
        }
    }

    public Schema schema() {
        List<Column> columns = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            ColumnType type = !seen[c] ? ColumnType.STRING
                    : integer[c] ? ColumnType.INTEGER
                    : dbl[c] ? ColumnType.DOUBLE
                    : bool[c] ? ColumnType.BOOLEAN
                    : ColumnType.STRING;
            columns.add(new Column(header.get(c), type));
        }
        return new Schema(columns);
    }

    private static boolean[] filled(int n) {
        boolean[] a = new boolean[n];
        java.util.Arrays.fill(a, true);
        return a;
    }
}
