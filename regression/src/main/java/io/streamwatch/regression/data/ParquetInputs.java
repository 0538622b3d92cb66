package io.streamwatch.regression.data;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/** Parquet inputs for {@link Readers}: their schema from the footers, their rows by row group. */
final class ParquetInputs {

    private ParquetInputs() {
    }

    static ParallelSchemaInference.Inferred inferSchema(TableInput input, int threads) {
        throw new IllegalArgumentException("Parquet input is not read yet: " + input.name());
    }

    static <R> Readers.Read<R> read(TableInput input, Optional<TableInput> other, List<String> columns, int threads,
                                    AtomicLong progress, BiFunction<RowSource, Optional<RowSource>, R> use) {
        throw new IllegalArgumentException("Parquet input is not read yet: " + input.name());
    }
}
