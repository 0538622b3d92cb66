package io.streamwatch.regression.data;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The one place that chooses between the two readers, for every command: the parallel byte-range reader
 * ({@link NumericCsvSource}) for a single uncompressed file it can read, the general reader
 * ({@link CsvFileSource}) for everything else — gzip files, directories of parts, quoted fields over several
 * lines, booleans, empty lines. Both give the same answer; {@link NotPlainNumericException} never leaves
 * this package.
 */
public final class Readers {

    private Readers() {
    }

    /**
     * What a read returned, and how the input was read ("read in parallel", or "read record by record
     * (why)").
     */
    public record Read<R>(R result, String how) {
    }

    /** The parallel reader's threads: the given count, all cores when it is null. */
    public static int threads(Integer threads) {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * The input's schema and row count, as the general reader infers them, read in parallel when the input
     * allows it.
     *
     * @throws CsvFormatException for an empty input, one without data rows, or a malformed one
     */
    public static ParallelSchemaInference.Inferred inferSchema(Path path, CsvOptions options, int threads) {
        try (TableInput input = TableInput.local(path)) {
            return inferSchema(input, options, threads);
        }
    }

    /**
     * The input's schema and row count: a Parquet input's from its footers, a CSV input's as the general
     * reader infers them, read in parallel when the input allows it.
     *
     * @throws CsvFormatException for an empty input, one without data rows, or a malformed one
     */
    public static ParallelSchemaInference.Inferred inferSchema(TableInput table, CsvOptions options, int threads) {
        if (table.csvPath().isEmpty()) {
            return ParquetInputs.inferSchema(table, threads);
        }
        CsvInput input = CsvInput.of(table.csvPath().get());
        return input.splittableFile().flatMap(file -> ParallelSchemaInference.infer(file, options, threads))
                .orElseGet(() -> {
                    CsvFileSource source = new CsvFileSource(input, options, List.of());
                    return new ParallelSchemaInference.Inferred(source.schema(), source.rows(),
                            source.invalidNotes());
                });
    }

    /** The header's column names. */
    public static List<String> header(Path path, CsvOptions options) {
        return CsvRecords.header(CsvInput.of(path), options);
    }

    /** The column names: a CSV header's, or a Parquet schema's. */
    public static List<String> header(TableInput input, CsvOptions options) {
        return input.csvPath().map(path -> header(path, options))
                .orElseGet(() -> ParquetInputs.inferSchema(input, 1).schema().columns().stream()
                        .map(Column::name).toList());
    }

    /**
     * Hands {@code use} the columns of the input (and of a second input, such as a separate test file) as row
     * sources: the parallel reader's when both inputs are for it, starting with {@code text} read as text and
     * starting again with each column it finds text in as long as {@code mayBeText} accepts it; the general
     * reader's otherwise, or when the parallel reader meets what only the general reader reads. {@code use}
     * may run more than once: it must start afresh each time.
     */
    public static <R> Read<R> read(Path path, Optional<Path> other, CsvOptions options, List<String> columns,
                                   Set<String> text, Predicate<String> mayBeText, int threads, AtomicLong progress,
                                   BiFunction<RowSource, Optional<RowSource>, R> use) {
        return read(path, other, options, columns, text, mayBeText, threads, progress, Optional.empty(), use);
    }

    /** As {@link #read(Path, Optional, CsvOptions, List, Set, Predicate, int, AtomicLong, BiFunction)}, on located inputs. */
    public static <R> Read<R> read(TableInput input, Optional<TableInput> other, CsvOptions options,
                                   List<String> columns, Set<String> text, Predicate<String> mayBeText, int threads,
                                   AtomicLong progress, BiFunction<RowSource, Optional<RowSource>, R> use) {
        return read(input, other, options, columns, text, mayBeText, threads, progress, Optional.empty(), use);
    }

    /**
     * The same, with a reason to use the general reader whatever the input ({@code generalOnly}): something
     * the caller needs that only the general reader gives.
     */
    public static <R> Read<R> read(TableInput input, Optional<TableInput> other, CsvOptions options,
                                   List<String> columns, Set<String> text, Predicate<String> mayBeText, int threads,
                                   AtomicLong progress, Optional<String> generalOnly,
                                   BiFunction<RowSource, Optional<RowSource>, R> use) {
        boolean parquet = input.csvPath().isEmpty();
        if (other.isPresent() && other.get().csvPath().isEmpty() != parquet) {
            throw new IllegalArgumentException("the inputs " + input.name() + " and " + other.get().name() + " must "
                    + "both be CSV or both be Parquet");
        }
        if (parquet) {
            return ParquetInputs.read(input, other, columns, threads, progress, use);
        }
        // A local copy of S3 objects reads under the URI's name, not the temporary file's.
        return read(input.csvPath().get(), other.map(o -> o.csvPath().get()), options, columns, text, mayBeText,
                threads, progress, generalOnly, (training, test) -> use.apply(named(training, input),
                        test.map(t -> named(t, other.get()))));
    }

    /** The same, on local paths. */
    public static <R> Read<R> read(Path path, Optional<Path> other, CsvOptions options, List<String> columns,
                                   Set<String> text, Predicate<String> mayBeText, int threads, AtomicLong progress,
                                   Optional<String> generalOnly, BiFunction<RowSource, Optional<RowSource>, R> use) {
        CsvInput input = CsvInput.of(path);
        Optional<CsvInput> second = other.map(CsvInput::of);
        String whyNot = generalOnly.or(() -> whyNotParallel(input)).or(() -> second.flatMap(Readers::whyNotParallel))
                .orElse(null);
        if (whyNot == null) {
            Set<String> asText = new HashSet<>(text);
            while (true) {
                Set<String> now = Set.copyOf(asText);
                try {
                    return new Read<>(use.apply(new NumericCsvSource(path, options, columns, now, threads, progress),
                            other.map(t -> new NumericCsvSource(t, options, columns, now, threads, progress))),
                            "read in parallel");
                } catch (NotPlainNumericException notPlain) {
                    Optional<String> column = notPlain.textColumn();
                    if (column.isEmpty() || !mayBeText.test(column.get()) || !asText.add(column.get())) {
                        whyNot = notPlain.getMessage();
                        break;
                    }
                }
            }
        }
        return new Read<>(use.apply(new CsvFileSource(input, options, columns),
                second.map(t -> new CsvFileSource(t, options, columns))), "read record by record (" + whyNot + ")");
    }

    private static RowSource named(RowSource source, TableInput input) {
        return input.csvPath().map(Path::toString).filter(input.name()::equals).isPresent() ? source
                : new NamedSource(source, input.name());
    }

    private static Optional<String> whyNotParallel(CsvInput input) {
        if (input.isDirectory()) {
            return Optional.of("a directory of parts");
        }
        return input.splittableFile().isPresent() ? Optional.empty() : Optional.of("a gzip file");
    }
}
