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

    /** Receives the header once, then every record with the line it ends on and its ordinal. */
    interface Visitor {
        void header(List<String> names);

        /**
         * @param line    the line the record ends on, in its file
         * @param ordinal the data record's ordinal in the input, 1-based, across the parts of a directory
         */
        void record(String[] fields, long line, long ordinal);

        /** A directory's part begins (its file name): lines count from 1 again. Not called for a single file. */
        default void part(String name) {
        }
    }

    private CsvRecords() {
    }

    /** The header's column names, without reading further. */
    static List<String> header(CsvInput input, CsvOptions options) {
        List<List<String>> header = new java.util.ArrayList<>();
        try {
            read(input, options, new Visitor() {
                @Override
                public void header(List<String> names) {
                    header.add(names);
                    throw new HeaderRead();
                }

                @Override
                public void record(String[] fields, long line, long ordinal) {
                }
            });
        } catch (HeaderRead done) {
            return header.get(0);
        }
        throw new CsvFormatException(input.name() + " is empty: expected a header line");
    }

    /** Stops a read once the header is in. */
    private static final class HeaderRead extends RuntimeException {
        HeaderRead() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads every part of the input in order: the header from the first record of the first part that has
     * one; in a later part, a first record equal to that header is the part's own header and skipped.
     *
     * @return the data records read
     */
    static long read(CsvInput input, CsvOptions options, Visitor visitor) {
        Parser parser = new Parser(options, visitor);
        for (Path part : input.parts()) {
            String source = input.isDirectory() ? part.toString() : input.name();
            if (input.isDirectory()) {
                visitor.part(part.getFileName().toString());
            }
            try (Reader reader = CsvInput.open(part)) {
                parser.read(source, reader);
            } catch (NoSuchFileException e) {
                throw new UncheckedIOException("no such file: " + part, e);
            } catch (CharacterCodingException e) {
                // The reader decodes ahead, so a bad byte can surface while opening, before any parsing.
                throw malformed(source, e);
            } catch (java.util.zip.ZipException e) {
                throw new CsvFormatException(source + " is a damaged gzip file: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
        parser.requireHeader(input.name());
        return parser.ordinal;
    }

    /** Reads from any reader; {@code source} names it in messages. */
    static void read(String source, Reader reader, CsvOptions options, Visitor visitor) {
        Parser parser = new Parser(options, visitor);
        parser.read(source, reader);
        parser.requireHeader(source);
    }

    /** Records of one or more parts of a table, the header and the ordinal carried from part to part. */
    private static final class Parser {
        private final CSVFormat format;
        private final Visitor visitor;
        private String[] header;
        long ordinal;

        Parser(CsvOptions options, Visitor visitor) {
            this.format = CSVFormat.RFC4180.builder()
                    .setDelimiter(options.delimiter())
                    .setQuote(options.quote())
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get();
            this.visitor = visitor;
        }

        void read(String source, Reader reader) {
            boolean partStart = true;
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    String[] fields = record.values();
                    if (header == null) {
                        visitor.header(CsvRecords.header(source, fields));
                        header = fields;
                        partStart = false;
                        continue;
                    }
                    if (partStart) {
                        partStart = false;
                        if (Arrays.equals(fields, header)) {
                            continue;
                        }
                    }
                    if (fields.length != header.length) {
                        throw new CsvFormatException(source + ", line " + parser.getCurrentLineNumber() + ": "
                                + fields.length + " fields but the header has " + header.length
                                + (fields.length > header.length ? " (an unquoted delimiter in a value?)" : ""));
                    }
                    visitor.record(fields, parser.getCurrentLineNumber(), ++ordinal);
                }
            } catch (UncheckedIOException e) {
                throw malformed(source, e.getCause());
            } catch (IOException e) {
                throw malformed(source, e);
            }
        }

        void requireHeader(String source) {
            if (header == null) {
                throw new CsvFormatException(source + " is empty: expected a header line");
            }
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
        if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
            return new CsvFormatException(source + " is a damaged or truncated gzip file: " + cause.getMessage(), cause);
        }
        if (cause instanceof CharacterCodingException) {
            return new CsvFormatException(source + " is not valid UTF-8 text", cause);
        }
        return new CsvFormatException(source + ": malformed CSV: " + cause.getMessage(), cause);
    }
}
