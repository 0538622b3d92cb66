package io.streamwatch.regression.workflow;

import io.streamwatch.regression.data.DataTable;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.Schema;
import io.streamwatch.regression.data.TableSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * An in-memory table read as parts cut at the given rows, each part its own sink, returned in input order: the
 * parallel reader's contract with boundaries anywhere (empty parts, one-row parts), for checking that every
 * accumulator merges to the answer of one part.
 */
final class PartedSource implements RowSource {

    private final TableSource table;
    /** Ordinals (1-based) at which a new part starts, ascending. */
    private final long[] starts;

    PartedSource(DataTable table, List<String> columns, long... starts) {
        this.table = new TableSource(table, columns);
        this.starts = starts.clone();
        Arrays.sort(this.starts);
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public Schema columns() {
        return table.columns();
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        List<S> parts = new ArrayList<>();
        for (int k = 0; k <= starts.length; k++) {
            parts.add(sinks.get());
        }
        table.scan(() -> row -> {
            int part = 0;
            while (part < starts.length && row.ordinal() >= starts[part]) {
                part++;
            }
            parts.get(part).accept(row);
        });
        return parts;
    }
}
