package io.streamwatch.regression.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The schema {@link CsvFileSource} infers, read by the parallel reader: each part infers its own, and the
 * parts merge ({@link SchemaInference#merge}). The reader starts with every column as numbers and starts
 * again with a column as text when it meets the column's first text value, as the fit does.
 */
public final class ParallelSchemaInference {

    private ParallelSchemaInference() {
    }

    /**
     * @param schema every column of the file with its inferred type
     * @param rows   data rows
     * @param invalidNotes for each numeric column with values that are not finite numbers, how many and the first
     */
    public record Inferred(Schema schema, long rows, List<String> invalidNotes) {
    }

    /** Each numeric column's values that are not finite numbers: how many, and the first. */
    static List<String> notes(SchemaInference inference, int columns) {
        return java.util.stream.IntStream.range(0, columns).mapToObj(inference::invalidNote)
                .flatMap(Optional::stream).toList();
    }

    /**
     * The file's schema and row count, or empty when the file is for the general reader only (a quoted
     * field over several lines, booleans, a ragged row): the caller then infers it the general way.
     *
     * @throws CsvFormatException when the header is malformed (a repeated name)
     */
    static Optional<Inferred> infer(Path file, CsvOptions options, int threads) {
        return infer(file, options, threads, NumericCsvSource.DEFAULT_RANGE_BYTES);
    }

    /** With a custom range size: small ranges make many parts, in tests. */
    static Optional<Inferred> infer(Path file, CsvOptions options, int threads, int rangeBytes) {
        List<String> header = CsvRecords.header(CsvInput.of(file), options);
        return NumericCsvSource.readFindingText(column -> true, text -> {
            NumericCsvSource source;
            try {
                source = new NumericCsvSource(file, options, header, text, threads, new AtomicLong(), rangeBytes);
            } catch (IllegalArgumentException headerNotForIt) {
                // A header the two readers split differently: the general reader decides.
                throw new NotPlainNumericException(headerNotForIt.getMessage());
            }
            List<Part> parts = source.scan(() -> new Part(header, options, text));
            Part all = parts.get(0);
            parts.subList(1, parts.size()).forEach(all::merge);
            return new Inferred(all.inference.schema(), all.rows, notes(all.inference, header.size()));
        });
    }

    /** One part's inference and rows. */
    private static final class Part implements RowSource.Sink {
        final SchemaInference inference;
        final boolean[] text;
        long rows;

        Part(List<String> header, CsvOptions options, Set<String> textColumns) {
            this.inference = new SchemaInference(header, options);
            this.text = new boolean[header.size()];
            for (int c = 0; c < text.length; c++) {
                text[c] = textColumns.contains(header.get(c));
            }
        }

        @Override
        public void accept(Row row) {
            rows++;
            for (int c = 0; c < text.length; c++) {
                if (row.isNull(c)) {
                    continue;
                }
                if (text[c] || !Double.isFinite(row.number(c))) {
                    // Text, a stray value or a non-finite number: as the general reader sees its text.
                    inference.add(c, row.text(c), row.line());
                } else {
                    // A number the reader parsed: only whether it is written as an integer is left to see.
                    inference.addNumber(c, ((NumericCsvSource.NumberText) row).writtenAsInteger(c));
                }
            }
        }

        void merge(Part other) {
            inference.merge(other.inference);
            rows += other.rows;
        }
    }
}
