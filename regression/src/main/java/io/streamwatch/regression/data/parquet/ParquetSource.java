package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.data.PartScan;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.Schema;
import io.streamwatch.regression.data.parquet.ParquetColumn.Kind;
import io.streamwatch.regression.store.InputObject;
import io.streamwatch.regression.store.InputSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Parquet input — one file or object, or the parts of a directory or an S3 prefix ({@link InputSet}) — as a
 * {@link RowSource}. The footers are read once, here; each scan reads only the selected columns
 * (projection), one part per row group: the row groups are read in parallel on {@code threads} threads
 * and handed back in input order (part order, then row-group order), so results are the same on any
 * machine. A row's {@link io.streamwatch.regression.data.Row#ordinal ordinal} is its 1-based position in
 * the whole input in that order — the same row of the same data in a CSV file gets the same train/test
 * split.
 *
 * <p>Column types, as the CSV schema inference types the same values: INT32 and INT64 are integers; FLOAT,
 * DOUBLE and DECIMAL are doubles; BOOLEAN is boolean (1 and 0 as a feature, as a CSV column of
 * {@code true}/{@code false}); BINARY strings (UTF-8, ENUM, JSON, or unannotated) are strings, categorical
 * features, trimmed, an empty one null, as a CSV field is. A Parquet null is null. Other fields (lists,
 * maps, groups, dates, times, INT96) are refused only when selected, naming the column.
 *
 * <p>Pages are streamed from one ranged read per selected column chunk ({@link ChunkPages}: each byte once
 * per scan, about two pages per column in memory) and decoded by {@link ColumnDecoder} (PLAIN numbers from
 * the bytes, other encodings by Parquet's own value readers); no Hadoop. A row's
 * {@link io.streamwatch.regression.data.Row#line line} is its ordinal (Parquet has no lines) and its
 * {@link io.streamwatch.regression.data.Row#where where} "row 7", or "part-00001.parquet, row 7" in a
 * directory. Thread-safe between scans; a scan's sinks each see one thread.
 */
public final class ParquetSource implements RowSource {

    private final InputSet input;
    private final int threads;
    private final AtomicLong progress;
    private final List<PartFooter> footers;
    private final Map<String, ParquetColumn> fields;
    private final Schema schema;
    private final Schema columns;
    private final List<RowGroup> rowGroups;
    private final long rows;
    /** The distinct columns read and, per slot, which of them it is. */
    private final ReadPlan plan;

    /**
     * Reads the footers of every part (on the thread pool) and checks that they agree.
     *
     * @param columns  the columns to read, in slot order
     * @param threads  row groups read at once (at least 1)
     * @param progress advanced by the compressed bytes of the selected columns as each row group is read
     * @throws IllegalArgumentException when a part is not a Parquet file ("not a Parquet file: ... (no PAR1
     *                                  magic)"), the parts' schemas differ (naming the part and the column),
     *                                  a selected column is missing or of a type this reader does not read
     *                                  (naming it), or the input has no rows
     * @throws UncheckedIOException     naming a part that cannot be read
     */
    public ParquetSource(InputSet input, List<String> columns, int threads, AtomicLong progress) {
        this.input = input;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        List<Callable<PartFooter>> reads = input.parts().stream()
                .<Callable<PartFooter>>map(part -> () -> Footer.read(part)).toList();
        this.footers = new PartScan(this.threads, input.name()).all(reads);
        this.fields = fieldsOf(footers.get(0));
        for (int p = 1; p < footers.size(); p++) {
            requireSameFields(p);
        }
        this.schema = new Schema(fields.values().stream().filter(f -> f.kind().isPresent())
                .map(ParquetColumn::column).toList());
        this.plan = ReadPlan.of(columns, fields, schema);
        this.columns = new Schema(columns.stream().map(n -> fields.get(n).column()).toList());
        List<RowGroup> groups = new ArrayList<>();
        long before = 0;
        for (int p = 0; p < footers.size(); p++) {
            List<PartFooter.RowGroupMeta> blocks = footers.get(p).rowGroups();
            for (int b = 0; b < blocks.size(); b++) {
                groups.add(new RowGroup(p, b, before, blocks.get(b).rows(), selectedBytes(blocks.get(b))));
                before += blocks.get(b).rows();
            }
        }
        this.rowGroups = List.copyOf(groups);
        this.rows = before;
        if (rows == 0) {
            throw new IllegalArgumentException(input.name() + " has no rows");
        }
    }

    /** With all cores' threads and no progress count. */
    public ParquetSource(InputSet input, List<String> columns) {
        this(input, columns, Runtime.getRuntime().availableProcessors(), new AtomicLong());
    }

    /**
     * Whether the input is Parquet: a part named {@code *.parquet}, or a first part that ends with Parquet's
     * magic bytes (one 4-byte ranged read), whatever its name.
     *
     * @throws UncheckedIOException naming a part that cannot be read
     */
    public static boolean isParquet(InputSet input) {
        return input.parts().stream().anyMatch(p -> p.fileName().toLowerCase(Locale.ROOT).endsWith(".parquet"))
                || Footer.hasMagic(input.parts().get(0));
    }

    /** Every column this reader reads, with its type, in the file's order. */
    public Schema schema() {
        return schema;
    }

    /** The columns this reader does not read, each with why ("tags: a list"): for the schema command. */
    public List<String> unreadColumns() {
        return fields.values().stream().filter(f -> f.why().isPresent()).map(f -> f.name() + ": " + f.why().get()
                + " (" + f.parquetType() + ")").toList();
    }

    /** The rows of the whole input, from the footers. */
    public long rows() {
        return rows;
    }

    /** The compressed bytes of the selected columns: what a scan reads, and adds to the progress count. */
    public long scanBytes() {
        return rowGroups.stream().mapToLong(RowGroup::bytes).sum();
    }

    @Override
    public String name() {
        return input.name();
    }

    @Override
    public Schema columns() {
        return columns;
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        List<S> read = new ArrayList<>(rowGroups.size());
        scanInOrder(sinks, read::add);
        return read;
    }

    /**
     * The row groups read on the pool, at most two per thread ahead of the one handed over (so at most that
     * many row groups' selected chunks are in memory), each handed to {@code inOrder} in input order on
     * this thread; a failure, here or in a row group, stops the rest.
     */
    @Override
    public <S extends Sink> void scanInOrder(Supplier<S> sinks, Consumer<S> inOrder) {
        AtomicBoolean abort = new AtomicBoolean();
        new PartScan(threads, input.name()).inOrder(rowGroups.size(),
                k -> () -> read(rowGroups.get(k), sinks.get(), abort), abort, inOrder);
    }

    private <S extends Sink> S read(RowGroup group, S sink, AtomicBoolean abort) {
        InputObject part = input.parts().get(group.part());
        String where = input.directory() || input.parts().size() > 1 ? part.fileName() + ", " : "";
        new RowGroupReader(part, footers.get(group.part()), group.block(), plan, where)
                .read(group.rowsBefore(), sink, abort);
        progress.addAndGet(group.bytes());
        return sink;
    }

    private long selectedBytes(PartFooter.RowGroupMeta block) {
        return plan.names().stream().map(block.chunks()::get).filter(java.util.Objects::nonNull)
                .mapToLong(PartFooter.ChunkMeta::length).sum();
    }

    /** A row group of a part, and the rows of the input before it. */
    private record RowGroup(int part, int block, long rowsBefore, long rowCount, long bytes) {
    }

    static Map<String, ParquetColumn> fieldsOf(PartFooter footer) {
        Map<String, ParquetColumn> fields = new LinkedHashMap<>();
        for (ParquetColumn field : footer.fields()) {
            fields.putIfAbsent(field.name(), field);
        }
        return fields;
    }

    /** @throws IllegalArgumentException naming the part and the first column it differs in from the first part */
    private void requireSameFields(int p) {
        Map<String, ParquetColumn> other = fieldsOf(footers.get(p));
        String first = input.parts().get(0).fileName();
        String part = input.parts().get(p).fileName();
        for (ParquetColumn f : fields.values()) {
            ParquetColumn g = other.get(f.name());
            if (g == null) {
                throw new IllegalArgumentException("the parts of " + input.name() + " differ: " + part
                        + " has no column '" + f.name() + "', which " + first + " has; write every part with one schema");
            }
            if (!g.kind().equals(f.kind())) {
                throw new IllegalArgumentException("the parts of " + input.name() + " differ: column '" + f.name()
                        + "' is " + g.parquetType() + " in " + part + " but " + f.parquetType() + " in " + first
                        + "; write every part with one schema");
            }
        }
        for (String name : other.keySet()) {
            if (!fields.containsKey(name)) {
                throw new IllegalArgumentException("the parts of " + input.name() + " differ: " + part
                        + " has a column '" + name + "', which " + first + " has not; write every part with one schema");
            }
        }
    }

    /** The distinct columns a scan reads (a column selected twice is read once), their kinds, and each slot's. */
    record ReadPlan(List<String> names, List<Kind> kinds, int[] columnOfSlot) {

        /** @throws IllegalArgumentException naming a selected column that is missing or not read */
        static ReadPlan of(List<String> selected, Map<String, ParquetColumn> fields, Schema readable) {
            List<String> names = new ArrayList<>();
            List<Kind> kinds = new ArrayList<>();
            int[] columnOfSlot = new int[selected.size()];
            for (int s = 0; s < selected.size(); s++) {
                String name = selected.get(s);
                ParquetColumn field = fields.get(name);
                if (field == null) {
                    readable.require(name); // throws, listing the columns there are
                }
                if (field.kind().isEmpty()) {
                    throw new IllegalArgumentException("column '" + name + "' is " + field.why().orElseThrow()
                            + " (" + field.parquetType() + "), which the Parquet reader does not read: select "
                            + "numeric, boolean or string columns, or convert it when writing the file");
                }
                int c = names.indexOf(name);
                if (c < 0) {
                    c = names.size();
                    names.add(name);
                    kinds.add(field.kind().get());
                }
                columnOfSlot[s] = c;
            }
            return new ReadPlan(List.copyOf(names), List.copyOf(kinds), columnOfSlot);
        }
    }
}
