package io.streamwatch.regression.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
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
 * Streams the records of a CSV file with a header row, one at a time, through Apache Commons CSV
 * (quoting, embedded delimiters and newlines): the one place that knows the dialect, the header rules
 * and the errors that name the line. Used by every reader that is not the numeric fast path.
 */
final class CsvRecords {

    /** Receives the header once, then every record with the line it ends on. */
    interface Visitor {
        void header(List<String> names);

        void record(String[] fields, long line);
    }

    private CsvRecords() {
    }

    /** The header's column names, without reading further. */
    static List<String> header(Path file, CsvOptions options) {
        List<List<String>> header = new java.util.ArrayList<>();
        try {
            read(file, options, new Visitor() {
                @Override
                public void header(List<String> names) {
                    header.add(names);
                    throw new HeaderRead();
                }

                @Override
                public void record(String[] fields, long line) {
                }
            });
        } catch (HeaderRead done) {
            return header.get(0);
        }
        throw new CsvFormatException(file + " is empty: expected a header line");
    }

    /** Stops a read once the header is in. */
    private static final class HeaderRead extends RuntimeException {
        HeaderRead() {
            super(null, null, false, false);
        }
    }

    static void read(Path file, CsvOptions options, Visitor visitor) {
        try (Reader reader = CsvReader.open(file)) {
            read(file.toString(), reader, options, visitor);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (CharacterCodingException e) {
            // The reader decodes ahead, so a bad byte can surface while opening, before any parsing.
            throw malformed(file.toString(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void read(String source, Reader reader, CsvOptions options, Visitor visitor) {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote())
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        int columns = -1;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                String[] fields = record.values();
                if (columns < 0) {
                    visitor.header(header(source, fields));
                    columns = fields.length;
                    continue;
                }
                if (fields.length != columns) {
                    throw new CsvFormatException(source + ", line " + parser.getCurrentLineNumber() + ": "
                            + fields.length + " fields but the header has " + columns
                            + (fields.length > columns ? " (an unquoted delimiter in a value?)" : ""));
                }
                visitor.record(fields, parser.getCurrentLineNumber());
            }
        } catch (UncheckedIOException e) {
            throw malformed(source, e.getCause());
        } catch (IOException e) {
            throw malformed(source, e);
        }
        if (columns < 0) {
            throw new CsvFormatException(source + " is empty: expected a header line");
        }
    }

    /**
     * The header's column names: an empty name becomes {@code _c<index>}, as Spark names it (R's
     * {@code write.csv} leaves the row-name column unnamed); a repeated name is refused, since a feature
     * could not be told apart.
     *
     * @throws CsvFormatException naming a repeated column
     */
    static List<String> header(String source, String[] fields) {
        List<String> names = new ArrayList<>(fields.length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].isEmpty() ? "_c" + i : fields[i];
            if (!seen.add(name)) {
                throw new CsvFormatException(source + ", line 1: column name '" + name + "' appears twice");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static CsvFormatException malformed(String source, Throwable cause) {
        if (cause instanceof CharacterCodingException) {
            return new CsvFormatException(source + " is not valid UTF-8 text", cause);
        }
        return new CsvFormatException(source + ": malformed CSV: " + cause.getMessage(), cause);
    }
}
