package io.streamwatch.regression.spark;

import io.streamwatch.regression.data.Column;
import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.MergeableSink;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A Spark {@link Dataset}'s rows as the engine's {@link RowSource}: every pass is one Spark job. Each partition
 * is a part: its sink (the pass's state, O(p²)) is made empty on the driver, shipped to the executor that
 * reads the partition and filled there; adjacent partitions' states merge on the executors in partition
 * order, up a tree (TSQR for the factor), and {@link #scan} returns the few that remain in order, so the
 * engine merges them in input order as it does a file's byte ranges. The driver holds a few pass states,
 * never rows.
 *
 * <p>The rows' ordinals (the key of the seeded split) are their positions in the Dataset's partition order,
 * counted by a first job: for a Dataset read from one file, the data row's ordinal in the file, as the CLI
 * counts it. The Dataset must give the same partitions in the same order each time it is computed (true of
 * files and tables read by Spark; persist a Dataset computed by a shuffle first).
 *
 * <p>The source caches the selected columns for its passes unless the Dataset is persisted already; {@link #close}
 * drops that cache. Not thread-safe: one fit at a time.
 */
public final class SparkRowSource implements RowSource, AutoCloseable {

    private final Dataset<Row> selected;
    private final boolean persisted;
    private final JavaRDD<Row> rows;
    private final String name;
    private final Schema columns;
    private final boolean fileLines;
    private final int fanIn;
    private long[] firstOrdinals;

    /** Sinks merged per group on the executors, and the most the driver takes in at the end. */
    public static final int FAN_IN = 32;

    /**
     * @param data      the rows
     * @param columns   the columns to read, in slot order
     * @param name      where the rows come from, for messages and the summary
     * @param fileLines whether the Dataset is one CSV file's lines, one record each: messages then name lines
     * @throws IllegalArgumentException naming a column the Dataset lacks, or one of a type the engine cannot read
     */
    public SparkRowSource(Dataset<Row> data, List<String> columns, String name, boolean fileLines) {
        this(data, columns, name, fileLines, FAN_IN);
    }

    /** The same, merging {@code fanIn} states per group: small in tests, to make a tree of a small input. */
    SparkRowSource(Dataset<Row> data, List<String> columns, String name, boolean fileLines, int fanIn) {
        if (fanIn < 2) {
            throw new IllegalArgumentException("the merge fan-in must be at least 2, got " + fanIn);
        }
        this.fanIn = fanIn;
        List<String> have = List.of(data.columns());
        for (String c : columns) {
            if (!have.contains(c)) {
                throw new IllegalArgumentException("no column named '" + c + "'; the columns are " + have);
            }
        }
        // Quoted, so that a name with a dot ("income.2024") is a column, not a struct's field.
        Dataset<Row> selected = data.select(columns.stream()
                .map(c -> org.apache.spark.sql.functions.col("`" + c.replace("`", "``") + "`"))
                .toArray(org.apache.spark.sql.Column[]::new));
        this.columns = SparkColumns.schema(selected.schema());
        // A fit reads its rows three or four times: keep the selected columns (not the rows of the input, nor
        // the other columns) in Spark's cache for the fit, as MLlib does its instances, unless the caller keeps
        // the Dataset already. Spark spills what does not fit in memory to disk.
        this.persisted = data.storageLevel().equals(StorageLevel.NONE());
        this.selected = persisted ? selected.persist(StorageLevel.MEMORY_AND_DISK()) : selected;
        this.rows = this.selected.javaRDD();
        this.name = name;
        this.fileLines = fileLines;
    }

    /**
     * The selected columns are cached for the fit, and the rows stay on the executors: the engine must not
     * spill them to the driver between passes.
     */
    @Override
    public boolean cheapToReadAgain() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema columns() {
        return columns;
    }

    /** Drops the cached columns, if this source cached them. */
    @Override
    public void close() {
        if (persisted) {
            selected.unpersist(false);
        }
    }

    /** The partitions the passes read, for messages and tests. */
    public int partitions() {
        return rows.getNumPartitions();
    }

    /**
     * One Spark job: each partition's rows through its own sink. Sinks that merge ({@link MergeableSink}, the
     * engine's passes) merge on the executors, {@link #FAN_IN} adjacent partitions at a time in partition
     * order, up a tree until at most that many states remain for the driver; the others come back one per
     * partition. Either way in partition order.
     *
     * @throws IllegalArgumentException when the Dataset has no rows
     * @throws IllegalStateException when a sink cannot be shipped (a bug, not a data error)
     * @throws RuntimeException      what the engine threw on an executor (an invalid row, a negative weight),
     *                               unwrapped from Spark's task failure
     */
    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        long[] first = firstOrdinals();
        S prototype = sinks.get();
        byte[] empty = StateCodec.encode(prototype);
        ColumnType[] types = columns.columns().stream().map(Column::type).toArray(ColumnType[]::new);
        boolean lines = fileLines;
        JavaRDD<Tuple2<Integer, byte[]>> states = rows.mapPartitionsWithIndex((partition, it) -> {
            S sink = StateCodec.decode(empty);
            SparkRow row = new SparkRow(types, lines);
            long ordinal = first[partition];
            while (it.hasNext()) {
                row.set(it.next(), ++ordinal);
                sink.accept(row);
            }
            return Collections.singletonList(new Tuple2<>(partition, StateCodec.encode(sink))).iterator();
        }, true);
        int merge = fanIn;
        List<Tuple2<Integer, byte[]>> collected = unwrapped(() -> {
            JavaRDD<Tuple2<Integer, byte[]>> level = states;
            int n = rows.getNumPartitions();
            if (prototype instanceof MergeableSink<?>) {
                while (n > merge) {
                    int groups = (n + merge - 1) / merge;
                    level = level.groupBy(state -> state._1() / merge, groups)
                            .map(group -> new Tuple2<>(group._1(), mergedInOrder(group._2())));
                    n = groups;
                }
            }
            return level.collect();
        });
        List<Tuple2<Integer, byte[]>> ordered = new ArrayList<>(collected);
        ordered.sort(Comparator.comparing(Tuple2::_1));
        List<S> parts = new ArrayList<>(ordered.size());
        for (Tuple2<Integer, byte[]> state : ordered) {
            parts.add(StateCodec.decode(state._2()));
        }
        return parts;
    }

    /** Adjacent parts' states, as Spark grouped them (in any order), merged in part order into one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] mergedInOrder(Iterable<Tuple2<Integer, byte[]>> group) {
        List<Tuple2<Integer, byte[]>> states = new ArrayList<>();
        group.forEach(states::add);
        states.sort(Comparator.comparing(Tuple2::_1));
        MergeableSink total = StateCodec.decode(states.get(0)._2());
        for (Tuple2<Integer, byte[]> next : states.subList(1, states.size())) {
            total.mergeNext((MergeableSink) StateCodec.decode(next._2()));
        }
        return StateCodec.encode(total);
    }

    /** Each partition's first ordinal minus one: the rows before it, counted once by a Spark job. */
    private long[] firstOrdinals() {
        if (firstOrdinals == null) {
            List<Long> counts = unwrapped(() -> rows.mapPartitions(SparkRowSource::count).collect());
            long[] first = new long[counts.size()];
            for (int p = 1; p < first.length; p++) {
                first[p] = first[p - 1] + counts.get(p - 1);
            }
            if (counts.stream().mapToLong(Long::longValue).sum() == 0) {
                throw new IllegalArgumentException(name + " has no data rows");
            }
            firstOrdinals = first;
        }
        return firstOrdinals;
    }

    private static Iterator<Long> count(Iterator<Row> it) {
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return Collections.singletonList(n).iterator();
    }

    /**
     * Runs a job; when a task failed with the engine's exception (an invalid row under {@code --invalid error},
     * a negative weight), throws that exception, as the single-machine path does, instead of Spark's wrapper.
     */
    static <T> T unwrapped(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) { // Spark's SparkException is checked in Java, undeclared in Scala
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof RuntimeException engine && !(c instanceof SparkException)
                        && (engine.getClass().getName().startsWith("io.streamwatch.")
                        || engine instanceof IllegalArgumentException)) {
                    engine.addSuppressed(e);
                    throw engine;
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        }
    }
}
