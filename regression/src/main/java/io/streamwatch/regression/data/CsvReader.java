package io.streamwatch.regression.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small CSV file with a header row into an in-memory {@link DataTable}, inferring the schema
 * (records by {@link CsvRecords}: UTF-8 with or without BOM, null tokens, errors naming the line). For
 * files of any size, read them as a {@link CsvFileSource} instead.
 */
public final class CsvReader {

    private final CsvOptions options;

    public CsvReader(CsvOptions options) {
        this.options = options;
    }

    public DataTable read(Path file) {
        Collector collector = new Collector();
        CsvRecords.read(CsvInput.of(file), options, collector);
        return collector.table(file.toString());
    }

    /** Reads from any reader; {@code source} names it in messages. */
    public DataTable read(String source, Reader reader) {
        Collector collector = new Collector();
        CsvRecords.read(source, reader, options, collector);
        return collector.table(source);
    }

    private final class Collector implements CsvRecords.Visitor {
        private List<String> header;
        private final List<String[]> raw = new ArrayList<>();
        private final List<Long> lines = new ArrayList<>();

        @Override
        public void header(List<String> names) {
            header = names;
        }

        @Override
        public void record(String[] fields, long line, long ordinal) {
            raw.add(fields);
            lines.add(line);
        }

        DataTable table(String source) {
            Schema schema = SchemaInference.infer(header, raw, options);
            List<Object[]> rows = new ArrayList<>(raw.size());
            for (String[] fields : raw) {
                rows.add(Values.convertRow(fields, schema, options));
            }
            return new DataTable(source, schema, rows, lines);
        }
    }

    /** Opens a file as strict UTF-8, skipping a byte-order mark, decompressing gzip ({@link CsvInput#open}). */
    public static Reader open(Path file) throws IOException {
        return CsvInput.open(file);
    }
}
