package io.streamwatch.regression.data;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** The columns of a table, in file order. */
public record Schema(List<Column> columns) {

    public Schema {
        columns = List.copyOf(columns);
    }

    public Optional<Integer> indexOf(String name) {
        return IntStream.range(0, columns.size()).filter(i -> columns.get(i).name().equals(name)).boxed().findFirst();
    }

    /** The index of {@code name}, or an error listing the columns there are. */
    public int require(String name) {
        return indexOf(name).orElseThrow(() -> new IllegalArgumentException("no column named '" + name
                + "'; the columns are " + columns.stream().map(Column::name).toList()));
    }

    public Column column(String name) {
        return columns.get(require(name));
    }

    /** Spark's {@code printSchema} layout. */
    public String treeString() {
        StringBuilder out = new StringBuilder("root\n");
        for (Column c : columns) {
            out.append(" |-- ").append(c.name()).append(": ").append(c.type().sparkName()).append(" (nullable = true)\n");
        }
        return out.toString();
    }
}
