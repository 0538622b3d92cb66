package io.streamwatch.regression.data;

import java.util.List;

/**
 * An in-memory table: a schema and rows of typed values ({@code Long}, {@code Double}, {@code Boolean},
 * {@code String}, or {@code null}).
 *
 * @param source     where it was read from, for messages
 * @param lineNumbers the file line of each row, for error messages naming the row
 */
public record DataTable(String source, Schema schema, List<Object[]> rows, List<Long> lineNumbers) {

    public DataTable {
        rows = List.copyOf(rows);
        lineNumbers = List.copyOf(lineNumbers);
        if (rows.size() != lineNumbers.size()) {
            throw new IllegalArgumentException("one line number per row");
        }
    }

    public int size() {
        return rows.size();
    }
}
