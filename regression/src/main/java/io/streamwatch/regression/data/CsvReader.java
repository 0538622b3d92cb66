package io.streamwatch.regression.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row into a {@link DataTable}, inferring the schema. Parsing is done by
 * Apache Commons CSV (quoting, embedded delimiters and newlines); this class adds UTF-8 with or
 * without BOM, null tokens, type inference and errors that name the line and column.
 */
public final class CsvReader {

    private final CsvOptions options;

    public CsvReader(CsvOptions options) {
        this.options = options;
    }

    public DataTable read(Path file) {
        try (Reader reader = open(file)) {
            return read(file.toString(), reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (CharacterCodingException e) {
            // The reader decodes ahead, so a bad byte can surface while opening, before any parsing.
            throw malformed(file.toString(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads from any reader; {@code source} names it in messages. */
    public DataTable read(String source, Reader reader) {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote())
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        List<String> header = null;
        List<String[]> raw = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                String[] fields = record.values();
                if (header == null) {
                    header = header(source, fields);
                    continue;
                }
                if (fields.length != header.size()) {
                    throw new CsvFormatException(source + ", line " + parser.getCurrentLineNumber() + ": "
                            + fields.length + " fields but the header has " + header.size()
                            + (fields.length > header.size() ? " (an unquoted delimiter in a value?)" : ""));
                }
                raw.add(fields);
                lines.add(parser.getCurrentLineNumber());
            }
        } catch (UncheckedIOException e) {
            throw malformed(source, e.getCause());
        } catch (IOException e) {
            throw malformed(source, e);
        }
        if (header == null) {
            throw new CsvFormatException(source + " is empty: expected a header line");
        }
        Schema schema = SchemaInference.infer(header, raw, options);
        List<Object[]> rows = new ArrayList<>(raw.size());
        for (String[] fields : raw) {
            Object[] row = new Object[fields.length];
            for (int c = 0; c < fields.length; c++) {
                row[c] = options.isNull(fields[c]) ? null : Values.convert(fields[c], schema.columns().get(c).type());
            }
            rows.add(row);
        }
        return new DataTable(source, schema, rows, lines);
    }

    private static List<String> header(String source, String[] fields) {
        List<String> names = Arrays.asList(fields);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw new CsvFormatException(source + ", line 1, column " + (i + 1) + ": empty column name in the header");
            }
            if (!seen.add(names.get(i))) {
                throw new CsvFormatException(source + ", line 1: column name '" + names.get(i) + "' appears twice");
            }
        }
        return names;
    }

    private static CsvFormatException malformed(String source, Throwable cause) {
        if (cause instanceof CharacterCodingException) {
            return new CsvFormatException(source + " is not valid UTF-8 text", cause);
        }
        return new CsvFormatException(source + ": malformed CSV: " + cause.getMessage(), cause);
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
