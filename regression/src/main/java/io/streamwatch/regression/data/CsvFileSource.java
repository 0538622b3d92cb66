package io.streamwatch.regression.data;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Any CSV file with a header as a {@link RowSource}, in constant memory: the constructor reads the file
 * once to infer the schema (as Spark's {@code inferSchema} does), and every scan streams the records
 * again through {@link CsvRecords}, converting only the selected columns. One part, read in order.
 */
public final class CsvFileSource implements RowSource {

    private final Path file;
    private final CsvOptions options;
    private final Schema schema;
    private final long rows;
    private final int[] fields;
    private final Schema columns;

    /**
     * @param columns the columns to read, in slot order
     * @throws CsvFormatException       when the file is malformed
     * @throws IllegalArgumentException naming a column the file does not have
     */
    public CsvFileSource(Path file, CsvOptions options, List<String> columns) {
        this.file = file;
        this.options = options;
        Inference inference = new Inference();
        CsvRecords.read(file, options, inference);
        this.schema = inference.inference.schema();
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
        return CsvRecords.header(file, options);
    }

    /** Every column of the file with its inferred type. */
    public Schema schema() {
        return schema;
    }

    /** Data rows in the file. */
    public long rows() {
        return rows;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public Schema columns() {
        return columns;
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        S sink = sinks.get();
        RecordRow row = new RecordRow();
        CsvRecords.read(file, options, new CsvRecords.Visitor() {
            @Override
            public void header(List<String> names) {
            }

            @Override
            public void record(String[] values, long line) {
                row.values = values;
                row.line = line;
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
        public void record(String[] values, long line) {
            inference.add(values);
            rows++;
        }
    }

    private final class RecordRow implements Row {
        String[] values;
        long line;

        @Override
        public long line() {
            return line;
        }

        @Override
        public boolean isNull(int slot) {
            return options.isNull(values[fields[slot]]);
        }

        @Override
        public double number(int slot) {
            String value = values[fields[slot]];
            return Values.toNumber(Values.convert(value, columns.columns().get(slot).type()));
        }

        @Override
        public String text(int slot) {
            return values[fields[slot]];
        }
    }
}
