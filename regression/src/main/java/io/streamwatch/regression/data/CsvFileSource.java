package io.streamwatch.regression.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Any CSV input with a header ({@link CsvInput}: a file, gzip or not, or a directory of parts) as a
 * {@link RowSource}, in constant memory: the constructor reads it once to infer the schema (as Spark's
 * {@code inferSchema} does, with {@link SchemaInference}'s rule for stray values), and every scan streams
 * the records again through {@link CsvRecords}, converting only the selected columns. One part, read in
 * order.
 */
public final class CsvFileSource implements RowSource {

    private final CsvInput input;
    private final CsvOptions options;
    private final Schema schema;
    private final SchemaInference inferred;
    private final long rows;
    private final int[] fields;
    private final Schema columns;

    /**
     * @param columns the columns to read, in slot order
     * @throws CsvFormatException       when the file is malformed, or has no data row
     * @throws IllegalArgumentException naming a column the file does not have
     */
    public CsvFileSource(Path file, CsvOptions options, List<String> columns) {
        this(CsvInput.of(file), options, columns);
    }

    /** The same for any input. */
    public CsvFileSource(CsvInput input, CsvOptions options, List<String> columns) {
        this.input = input;
        this.options = options;
        Inference inference = new Inference();
        CsvRecords.read(input, options, inference);
        if (inference.rows == 0) {
            throw new CsvFormatException(input.name() + " has a header but no data rows");
        }
        this.inferred = inference.inference;
        this.schema = inferred.schema();
        this.rows = inference.rows;
        this.fields = columns.stream().mapToInt(schema::require).toArray();
        this.columns = new Schema(columns.stream().map(schema::column).toList());
    }

    /**
     * The header's column names, read without the inference pass.
     *
     * @throws CsvFormatException when the file is empty or its header is malformed
     */
    public static List<String> header(Path file, CsvOptions options) {
        return CsvRecords.header(CsvInput.of(file), options);
    }

    /** Every column of the file with its inferred type. */
    public Schema schema() {
        return schema;
    }

    /** For each column with values that are not finite numbers in a numeric column, how many and the first. */
    public List<String> invalidNotes() {
        return java.util.stream.IntStream.range(0, schema.columns().size()).mapToObj(inferred::invalidNote)
                .flatMap(Optional::stream).toList();
    }

    /** Data rows in the file. */
    public long rows() {
        return rows;
    }

    @Override
    public String name() {
        return input.name();
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
    public Optional<String> firstNonNumber(int slot) {
        return inferred.firstInvalid(fields[slot]);
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        S sink = sinks.get();
        RecordRow row = new RecordRow();
        CsvRecords.read(input, options, new CsvRecords.Visitor() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void part(String name) {
                row.part = name;
            }

            @Override
            public void record(String[] values, long line, long ordinal) {
                row.values = values;
                row.line = line;
                row.ordinal = ordinal;
                sink.accept(row);
            }
        });
        return List.of(sink);
    }

    private final class Inference implements CsvRecords.Visitor {
        SchemaInference inference;
        long rows;

        @Override
        public void header(List<String> names) {
            inference = new SchemaInference(names, options);
        }

        @Override
        public void record(String[] values, long line, long ordinal) {
            inference.add(values, line);
            rows++;
        }
    }

    private final class RecordRow implements Row {
        String[] values;
        long line;
        long ordinal;
        String part;

        @Override
        public long line() {
            return line;
        }

        @Override
        public long ordinal() {
            return ordinal;
        }

        @Override
        public String part() {
            return part == null ? "" : part;
        }

        @Override
        public boolean isNull(int slot) {
            return options.isNull(values[fields[slot]]);
        }

        @Override
        public double number(int slot) {
            return Values.toNumber(Values.convert(values[fields[slot]], columns.columns().get(slot).type()));
        }

        @Override
        public String text(int slot) {
            return values[fields[slot]];
        }
    }
}
