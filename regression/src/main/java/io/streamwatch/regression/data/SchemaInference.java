package io.streamwatch.regression.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Infers each column's type as the narrowest of integer, double, boolean, string that fits every
 * non-null value (like Spark's {@code inferSchema}); a column with only nulls is a string.
 */
public final class SchemaInference {

    private SchemaInference() {
    }

    public static Schema infer(List<String> header, List<String[]> rows, CsvOptions options) {
        List<Column> columns = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            boolean seen = false;
            boolean integer = true;
            boolean dbl = true;
            boolean bool = true;
            for (String[] row : rows) {
                String v = row[c];
                if (options.isNull(v)) {
                    continue;
                }
                seen = true;
                integer = integer && Values.isInteger(v);
                dbl = dbl && (integer || Values.isDouble(v));
                bool = bool && Values.isBoolean(v);
                if (!integer && !dbl && !bool) {
                    break;
                }
            }
            ColumnType type = !seen ? ColumnType.STRING
                    : integer ? ColumnType.INTEGER
                    : dbl ? ColumnType.DOUBLE
                    : bool ? ColumnType.BOOLEAN
                    : ColumnType.STRING;
            columns.add(new Column(header.get(c), type));
        }
        return new Schema(columns);
    }
}
