package io.streamwatch.regression.data;

import java.util.List;
import java.util.function.Supplier;

/** The rows of an in-memory {@link DataTable} as a {@link RowSource}: one part, read in order. */
public final class TableSource implements RowSource {

    private final DataTable table;
    private final int[] fields;
    private final Schema columns;

    /** @throws IllegalArgumentException naming a column the table does not have */
    public TableSource(DataTable table, List<String> columns) {
        this.table = table;
        this.fields = columns.stream().mapToInt(c -> table.schema().require(c)).toArray();
        this.columns = new Schema(columns.stream().map(c -> table.schema().column(c)).toList());
    }

    @Override
    public String name() {
        return table.source();
    }

    @Override
    public boolean cheapToReadAgain() {
        return true;
    }

    @Override
    public boolean sequential() {
        return true;
    }

    @Override
    public Schema columns() {
        return columns;
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        S sink = sinks.get();
        TableRow row = new TableRow();
        for (int i = 0; i < table.size(); i++) {
            row.values = table.rows().get(i);
            row.line = table.lineNumbers().get(i);
            row.ordinal = i + 1;
            sink.accept(row);
        }
        return List.of(sink);
    }

    private final class TableRow implements Row {
        Object[] values;
        long line;
        long ordinal;

        @Override
        public long ordinal() {
            return ordinal;
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public boolean isNull(int slot) {
            return values[fields[slot]] == null;
        }

        @Override
        public double number(int slot) {
            return Values.toNumber(values[fields[slot]]);
        }

        @Override
        public String text(int slot) {
            return Values.toText(values[fields[slot]]);
        }
    }
}
