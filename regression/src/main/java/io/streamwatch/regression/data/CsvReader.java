package io.streamwatch.regression.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        CsvRecords.read(file, options, collector);
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
        public void record(String[] fields, long line) {
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

    /** Opens a file as strict UTF-8, skipping a byte-order mark. */
    public static Reader open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
