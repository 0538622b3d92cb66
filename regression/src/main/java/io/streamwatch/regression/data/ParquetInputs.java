package io.streamwatch.regression.data;

import io.streamwatch.regression.data.parquet.ParquetSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/** Parquet inputs for {@link Readers}: their schema and row count from the footers, their rows by row group. */
final class ParquetInputs {

    private ParquetInputs() {
    }

    /** The schema of the columns the reader reads; the others are listed as notes, each with why. */
    static ParallelSchemaInference.Inferred inferSchema(TableInput input, int threads) {
        ParquetSource source = new ParquetSource(input.objects(), List.of(), threads, new AtomicLong());
        return new ParallelSchemaInference.Inferred(source.schema(), source.rows(), source.unreadColumns().stream()
                .map(note -> "not read: " + note).toList());
    }

    static <R> Readers.Read<R> read(TableInput input, Optional<TableInput> other, List<String> columns, int threads,
                                    AtomicLong progress, BiFunction<RowSource, Optional<RowSource>, R> use) {
        return new Readers.Read<>(use.apply(new ParquetSource(input.objects(), columns, threads, progress),
                other.map(o -> new ParquetSource(o.objects(), columns, threads, progress))),
                "read by row group in parallel");
    }
}
