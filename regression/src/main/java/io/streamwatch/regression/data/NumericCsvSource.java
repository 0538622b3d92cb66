package io.streamwatch.regression.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The fast path for plain numeric CSV: selected columns of an unquoted file read in parallel, in
 * constant memory. The file is cut into fixed 8 MiB byte ranges at line boundaries; each range is read
 * through a 1 MiB buffer and its numbers parsed straight from bytes (fastdoubleparser). Ranges are fixed
 * by the file size, not the thread count, and returned in file order, so results are the same on any
 * machine. A first, cheap pass counts each range's lines, so every row knows its line number, as the
 * general reader's rows do.
 *
 * <p>It reads exactly what {@link CsvFileSource} reads, or refuses with {@link NotPlainNumericException}:
 * a quoted field, a selected value that is not a number (the general reader would infer a string
 * column), a row with a different number of fields than the header. Values are numbers or null (empty,
 * a null token).
 */
public final class NumericCsvSource implements RowSource {

    static final int DEFAULT_RANGE_BYTES = 8 << 20;
    /** What {@code quotedField} returns when the buffer ends before the field does. */
    private static final int NEED_MORE = -2;
    private static final int BUFFER_BYTES = 1 << 20;
    /** One read buffer per reader thread, reused by every range it reads: no garbage per range. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);
    private final Path file;
    private final CsvOptions options;
    private final int threads;
    private final AtomicLong progress;
    private final byte[][] nullTokens;
    /** The longest null token: longer fields are not compared with the tokens at all. */
    private final int longestNullToken;
    private final int fieldCount;
    private final int[] slotOfField;
    /** Slots read as text. */
    private final boolean[] textSlot;
    private final Schema columns;
    private final long[] rangeStarts;
    private final long size;
    /** The line number of the line holding each range's first byte (1 + the newlines before it); counted on first use. */
    private long[] firstLine;
    /**
     * The empty lines before each range, which the rows' ordinals leave out: learned by the first scan (which
     * reads again when a range but the last has one); null until then.
     */
    private long[] emptyLinesBefore;
    /** Lines after the header (the last one perhaps without its newline): at least the data rows. */
    private long dataLines;

    /**
     * @param columns  the columns to read, in slot order
     * @param progress advanced by the bytes read
     * @throws NotPlainNumericException when the header is not plain (quotes, empty or repeated names)
     * @throws IllegalArgumentException naming a column the file does not have
     */
    public NumericCsvSource(Path file, CsvOptions options, List<String> columns, int threads, AtomicLong progress) {
        this(file, options, columns, Set.of(), threads, progress, DEFAULT_RANGE_BYTES);
    }

    /**
     * @param columns     the columns to read, in slot order
     * @param textColumns those of them read as text (string columns: categorical features), the rest as numbers
     * @param progress    advanced by the bytes read
     * @throws NotPlainNumericException when the header is not plain (quotes, empty or repeated names)
     * @throws IllegalArgumentException naming a column the file does not have
     */
    public NumericCsvSource(Path file, CsvOptions options, List<String> columns, Set<String> textColumns, int threads,
                            AtomicLong progress) {
        this(file, options, columns, textColumns, threads, progress, DEFAULT_RANGE_BYTES);
    }

    /**
     * With a custom range size (the default is 8 MiB); small ranges exercise the boundary handling in
     * tests. The answer depends on the range size only through rounding: ranges merge in file order.
     */
    public NumericCsvSource(Path file, CsvOptions options, List<String> columns, int threads, AtomicLong progress,
                     int rangeBytes) {
        this(file, options, columns, Set.of(), threads, progress, rangeBytes);
    }

    /** With text columns and a custom range size. */
    public NumericCsvSource(Path file, CsvOptions options, List<String> columns, Set<String> textColumns, int threads,
                            AtomicLong progress, int rangeBytes) {
        this.file = file;
        this.options = options;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.nullTokens = options.nullTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.longestNullToken = Arrays.stream(nullTokens).mapToInt(t -> t.length).max().orElse(0);
        PlainHeader header;
        try (FileChannel channel = open()) {
            size = channel.size();
            header = PlainHeader.read(channel, file, options);
            List<Long> starts = new ArrayList<>();
            for (long start = header.dataStart(); start < size; start += rangeBytes) {
                starts.add(start);
            }
            rangeStarts = starts.stream().mapToLong(Long::longValue).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Column> selected = new ArrayList<>();
        this.slotOfField = new int[header.names().size()];
        Arrays.fill(slotOfField, -1);
        this.textSlot = new boolean[columns.size()];
        Schema all = new Schema(header.names().stream().map(h -> new Column(h, ColumnType.DOUBLE)).toList());
        for (int s = 0; s < columns.size(); s++) {
            int field = all.require(columns.get(s));
            slotOfField[field] = s;
            textSlot[s] = textColumns.contains(columns.get(s));
            selected.add(new Column(columns.get(s), textSlot[s] ? ColumnType.STRING : ColumnType.DOUBLE));
        }
        this.fieldCount = header.names().size();
        this.columns = new Schema(selected);
        if (rangeStarts.length == 0) {
            throw new CsvFormatException(file + " has a header but no data rows");
        }
    }

    /**
     * Runs {@code read} with no column read as text, then again with each column the reader finds text in
     * ({@link NotPlainNumericException#textColumn}), for as long as {@code mayBeText} accepts the column: the
     * one protocol by which the fit and the schema inference learn the string columns on the parallel reader.
     *
     * @param read reads the file with the given text columns
     * @return what {@code read} returned; empty when the file is for the general reader (what
     *         {@code read} met needs it, or text in a column {@code mayBeText} refuses)
     */
    public static <R> Optional<R> readFindingText(Predicate<String> mayBeText, Function<Set<String>, R> read) {
        Set<String> text = new HashSet<>();
        while (true) {
            try {
                return Optional.of(read.apply(Set.copyOf(text)));
            } catch (NotPlainNumericException notPlain) {
                Optional<String> column = notPlain.textColumn();
                if (column.isEmpty() || !mayBeText.test(column.get()) || !text.add(column.get())) {
                    return Optional.empty();
                }
            }
        }
    }

    @Override
    public String name() {
        return file.toString();
    }

    /** The selected columns, all read as numbers ({@link ColumnType#DOUBLE}). */
    @Override
    public Schema columns() {
        return columns;
    }

    /**
     * Reads every row once. A value of a numeric column that is not a number (a stray value) reads as NaN,
     * its text kept; when the column holds more of them than {@link SchemaInference#numeric} allows, it is
     * text after all, and the read stops with {@link NotPlainNumericException#textIn} — as soon as the stray
     * values exceed that share of the file's lines, or at the end.
     */
    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        try (FileChannel channel = open()) {
            if (firstLine == null) {
                firstLine = countLines(channel);
            }
            List<RangeReader<S>> read;
            while (true) {
                AtomicBoolean abort = new AtomicBoolean();
                AtomicLongArray strays = new AtomicLongArray(columns.columns().size());
                List<Callable<RangeReader<S>>> tasks = new ArrayList<>();
                for (int k = 0; k < rangeStarts.length; k++) {
                    int range = k;
                    tasks.add(() -> new RangeReader<>(channel, range, sinks.get(), abort, strays).readRange());
                }
                read = new PartScan(threads, file.toString()).all(tasks, abort);
                if (emptyLinesBefore == null) {
                    long[] before = new long[rangeStarts.length];
                    for (int k = 1; k < before.length; k++) {
                        before[k] = before[k - 1] + read.get(k - 1).emptyLines;
                    }
                    emptyLinesBefore = before;
                    if (before[before.length - 1] > 0) {
                        // Empty lines shifted the ordinals, hence the split, of the ranges after them: again.
                        progress.addAndGet(-(size - rangeStarts[0]));
                        continue;
                    }
                }
                requireNumericShare(read, strays);
                break;
            }
            return read.stream().map(r -> r.sink).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws NotPlainNumericException naming a numeric column with more stray values than
     *                                  {@link SchemaInference#numeric} allows: text after all
     */
    private void requireNumericShare(List<? extends RangeReader<?>> read, AtomicLongArray strays) {
        long records = 0;
        long[] nulls = new long[columns.columns().size()];
        for (RangeReader<?> r : read) {
            records += r.records;
            for (int slot = 0; slot < nulls.length; slot++) {
                nulls[slot] += r.nullCount[slot];
            }
        }
        for (int slot = 0; slot < nulls.length; slot++) {
            long nonNull = records - nulls[slot];
            if (!textSlot[slot] && strays.get(slot) > 0
                    && !SchemaInference.numeric(nonNull, nonNull - strays.get(slot), strays.get(slot))) {
                throw NotPlainNumericException.textIn(columns.columns().get(slot).name(), strays.get(slot)
                        + " of " + nonNull + " values are not numbers");
            }
        }
    }

    private FileChannel open() throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        }
    }

    private long end(int range) {
        return range + 1 < rangeStarts.length ? rangeStarts[range + 1] : size;
    }

    /**
     * The ranges read on the pool, at most two per thread ahead of the one handed over, each handed to
     * {@code inOrder} in file order on this thread; a failure, here or in a range, stops the rest.
     */
    @Override
    public <S extends Sink> void scanInOrder(Supplier<S> sinks, Consumer<S> inOrder) {
        try (FileChannel channel = open()) {
            if (firstLine == null) {
                firstLine = countLines(channel);
            }
            AtomicBoolean abort = new AtomicBoolean();
            new PartScan(threads, file.toString()).inOrder(rangeStarts.length,
                    range -> () -> new RangeReader<>(channel, range, sinks.get(), abort, null).read(), abort, inOrder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Newlines before each range start, plus one: a word-at-a-time count over the whole file. */
    private long[] countLines(FileChannel channel) {
        List<Callable<Long>> tasks = new ArrayList<>();
        for (int k = 0; k < rangeStarts.length; k++) {
            long start = rangeStarts[k];
            long end = end(k);
            tasks.add(() -> countNewlines(channel, start, end));
        }
        List<Long> counts = new PartScan(threads, file.toString()).all(tasks);
        long[] before = new long[rangeStarts.length];
        long lines = 2; // the header's newline ends line 1
        for (int k = 0; k < before.length; k++) {
            before[k] = lines;
            lines += counts.get(k);
        }
        dataLines = lines - 1;
        return before;
    }

    private static long countNewlines(FileChannel channel, long start, long end) throws IOException {
        byte[] buf = BUFFERS.get();
        long count = 0;
        for (long position = start; position < end; ) {
            ByteBuffer view = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - position));
            int n = channel.read(view, position);
            if (n <= 0) {
                break;
            }
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long x = (long) AsciiDecimal.LONGS.get(buf, i) ^ 0x0A0A0A0A0A0A0A0AL;
                // Exact count of zero bytes in x (no carries between bytes).
                long t = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
                count += Long.bitCount(~(t | x | 0x7F7F7F7F7F7F7F7FL));
            }
            for (; i < n; i++) {
                count += buf[i] == '\n' ? 1 : 0;
            }
            position += n;
        }
        return count;
    }

    /** What the schema inference asks of a numeric slot without making its text a string. */
    interface NumberText {
        /** Whether the slot's number is written as an integer: {@link Values#isInteger} of its text. */
        boolean writtenAsInteger(int slot);
    }

    /** Reads the lines that start inside one byte range; is the {@link Row} its sink sees. */
    private final class RangeReader<S extends Sink> implements Row, NumberText {
        private final FileChannel channel;
        private final long start;
        private final long end;
        private final boolean first;
        private final S sink;
        private final AtomicBoolean abort;
        private final double[] values;
        private final boolean[] nulls;
        private final String[] texts;
        private final TextCache textCache = new TextCache();
        /** A quoted field's content with its doubled quotes made single, when it has any. */
        private byte[] unescaped = new byte[64];
        /** Where each numeric slot's value is written in the buffer, for {@link #text}: valid during the callback. */
        private final byte[][] numberBytes;
        private final int[] numberStart;
        private final int[] numberEnd;
        private long line;
        /** Records read, and per slot nulls among them: with the stray values, a column's share of them. */
        long records;
        /** Empty lines met in this range so far, and in the ranges before it (0 while unknown). */
        long emptyLines;
        private final long emptyBefore;
        final long[] nullCount;
        /** Stray values per slot, over every range of the scan; null when no share is checked (predict). */
        private final AtomicLongArray strays;
        /** The largest count of stray values a numeric column can have: the file's lines times the share. */
        private final long strayLimit;
        /** Where the last {@link #readDigits} stopped, and the digits and value it had read by then. */
        private int digitsEnd;
        private int digitCount;
        private long digitValue;

        RangeReader(FileChannel channel, int range, S sink, AtomicBoolean abort, AtomicLongArray strays) {
            this.channel = channel;
            this.start = rangeStarts[range];
            this.end = end(range);
            this.first = range == 0;
            this.line = firstLine[range];
            this.emptyBefore = emptyLinesBefore == null ? 0 : emptyLinesBefore[range];
            this.sink = sink;
            this.abort = abort;
            this.values = new double[columns.columns().size()];
            this.nulls = new boolean[values.length];
            this.texts = new String[values.length];
            this.numberBytes = new byte[values.length][];
            this.numberStart = new int[values.length];
            this.numberEnd = new int[values.length];
            this.nullCount = new long[values.length];
            this.strays = strays;
            this.strayLimit = dataLines * SchemaInference.STRAY_PERCENT / 100;
        }

        @Override
        public long ordinal() {
            // One line per record: the lines after the header, less the empty ones before this row.
            return line - 1 - emptyBefore - emptyLines;
        }

        RangeReader<S> readRange() throws IOException {
            read();
            return this;
        }

        @Override
        public long line() {
            return line;
        }

        @Override
        public boolean isNull(int slot) {
            return nulls[slot];
        }

        @Override
        public double number(int slot) {
            return values[slot];
        }

        @Override
        public boolean writtenAsInteger(int slot) {
            byte[] bytes = numberBytes[slot];
            int a = numberStart[slot];
            int b = numberEnd[slot];
            // Values.isInteger on the bytes: a sign, then 1 to 18 ASCII digits.
            int i = a < b && (bytes[a] == '-' || bytes[a] == '+') ? a + 1 : a;
            if (i == b || b - i > 18) {
                return false;
            }
            for (; i < b; i++) {
                if (bytes[i] < '0' || bytes[i] > '9') {
                    return false;
                }
            }
            return true;
        }

        /**
         * A text slot's value; a numeric slot's as written (for {@code C(x)} of a numeric column and for powers
         * built from the exact decimals), trimmed as the general reader trims it, from the buffer.
         */
        @Override
        public String text(int slot) {
            if (textSlot[slot]) {
                return texts[slot];
            }
            return new String(numberBytes[slot], numberStart[slot], numberEnd[slot] - numberStart[slot],
                    StandardCharsets.UTF_8);
        }

        S read() throws IOException {
            byte[] buf = BUFFERS.get();
            ByteBuffer view = ByteBuffer.wrap(buf);
            // Ranges after the first begin one byte early and skip up to the first newline: if the range
            // starts exactly at a line, that skipped fragment is just the previous line's newline.
            long position = first ? start : start - 1;
            int filled = 0;
            boolean skipFirst = !first;
            // A line belongs to the range it starts in: keep reading past `end` to finish the last one.
            while (!abort.get()) {
                view.limit(buf.length).position(filled);
                int n = channel.read(view, position);
                boolean eof = n <= 0;
                if (!eof) {
                    position += n;
                    filled += n;
                }
                long bufferOffset = position - filled;
                int lineStart = 0;
                if (skipFirst) {
                    int newline = AsciiDecimal.indexOf(buf, 0, filled, (byte) '\n');
                    if (newline >= 0) {
                        skipFirst = false;
                        lineStart = newline + 1;
                        // A newline inside the range (not the byte before it) ends a line counted there.
                        line += bufferOffset + newline >= start ? 1 : 0;
                    } else {
                        lineStart = filled;
                    }
                }
                while (!skipFirst && lineStart < filled) {
                    if (bufferOffset + lineStart >= end) {
                        progress.addAndGet(end - start);
                        return sink;
                    }
                    int next = parseLine(buf, lineStart, filled, eof);
                    if (next < 0) {
                        break;
                    }
                    lineStart = next;
                    line++;
                }
                if (eof) {
                    progress.addAndGet(end - start);
                    return sink;
                }
                if (lineStart == 0 && filled == buf.length) {
                    throw new NotPlainNumericException("a line longer than " + BUFFER_BYTES + " bytes");
                }
                System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
                filled -= lineStart;
            }
            return sink;
        }

        /**
         * Parses the line starting at {@code from} in one pass and returns where the next line starts, or -1 if
         * the buffer holds only part of the line (unless at end of file). A selected field that is a plain
         * decimal is parsed as its bytes are scanned ({@link #plainField}); any other field is first delimited,
         * then trimmed and parsed the general way ({@link #field}), with the same result.
         */
        private int parseLine(byte[] buf, int from, int limit, boolean eof) {
            byte delimiter = (byte) options.delimiter();
            byte quote = (byte) options.quote();
            int i = from;
            // An empty line ("\n" or "\r\n") is skipped, as the general reader skips it; it is no record.
            if (i < limit && buf[i] == '\n') {
                emptyLines++;
                return i + 1;
            }
            if (i + 1 < limit && buf[i] == '\r' && buf[i + 1] == '\n') {
                emptyLines++;
                return i + 2;
            }
            if (i == limit) {
                return eof ? limit : -1;
            }
            int field = 0;
            while (true) {
                int slot = field < slotOfField.length ? slotOfField[field] : -1;
                int terminator = slot >= 0 && !textSlot[slot] ? plainField(buf, i, limit, delimiter, slot) : -1;
                if (terminator < 0 && i < limit && buf[i] == quote) {
                    terminator = quotedField(buf, i, limit, eof, quote, delimiter, field);
                    if (terminator == NEED_MORE) {
                        return -1;
                    }
                }
                if (terminator < 0) {
                    terminator = i;
                    while (terminator < limit && buf[terminator] != delimiter && buf[terminator] != '\n') {
                        if (buf[terminator] == quote) {
                            throw new NotPlainNumericException("a quoted field on line " + line);
                        }
                        terminator++;
                    }
                    if (terminator == limit && !eof) {
                        return -1;
                    }
                    boolean lastField = terminator == limit || buf[terminator] == '\n';
                    // The line's "\r\n" ending is not part of its last field.
                    int contentEnd = lastField && terminator > i && buf[terminator - 1] == '\r' ? terminator - 1
                            : terminator;
                    field(buf, i, contentEnd, field);
                }
                field++;
                if (terminator == limit || buf[terminator] == '\n') {
                    if (field != fieldCount) {
                        throw new NotPlainNumericException("line " + line + " has " + field + " fields, the header "
                                + fieldCount);
                    }
                    records++;
                    sink.accept(this);
                    return terminator + 1;
                }
                i = terminator + 1;
            }
        }

        /**
         * A field that starts with the quote: its content runs to the closing quote ({@code ""} inside is one
         * quote), which must end the field, as RFC 4180 has it; the content is then read as an unquoted
         * field's (trimmed, nulls, numbers or text). Returns the index of the delimiter or newline after the
         * field (the buffer's end at end of file), or {@link #NEED_MORE} when the buffer ends first.
         *
         * @throws NotPlainNumericException for a quoted field that spans lines (the ranges are cut at
         *                                  newlines), is not closed, or has text after its closing quote
         */
        private int quotedField(byte[] buf, int from, int limit, boolean eof, byte quote, byte delimiter, int field) {
            int k = from + 1;
            boolean escapes = false;
            while (true) {
                if (k >= limit) {
                    if (eof) {
                        throw new NotPlainNumericException("an unclosed quote on line " + line);
                    }
                    return NEED_MORE;
                }
                if (buf[k] == '\n') {
                    throw new NotPlainNumericException("a quoted field spanning lines, from line " + line);
                }
                if (buf[k] == quote) {
                    if (k + 1 == limit && !eof) {
                        return NEED_MORE; // an escaped quote or the closing one: the next byte says
                    }
                    if (k + 1 < limit && buf[k + 1] == quote) {
                        escapes = true;
                        k += 2;
                        continue;
                    }
                    break;
                }
                k++;
            }
            int after = k + 1;
            int terminator;
            if (after == limit || buf[after] == delimiter || buf[after] == '\n') {
                terminator = after;
            } else if (buf[after] == '\r' && (after + 1 < limit ? buf[after + 1] == '\n' : eof)) {
                terminator = after + 1;
            } else if (buf[after] == '\r' && after + 1 == limit) {
                return NEED_MORE;
            } else {
                throw new NotPlainNumericException("text after a closing quote on line " + line);
            }
            if (!escapes) {
                field(buf, from + 1, k, field);
            } else {
                int n = 0;
                if (unescaped.length < k - from) {
                    unescaped = new byte[k - from];
                }
                for (int j = from + 1; j < k; j++) {
                    unescaped[n++] = buf[j];
                    if (buf[j] == quote) {
                        j++; // the second quote of the pair
                    }
                }
                field(unescaped, 0, n, field);
            }
            return terminator;
        }

        /**
         * Parses a selected field that is a plain decimal of 1 to 15 digits ({@code [ ]*[+-]?[0-9.]+[ ]*}, one
         * point) while scanning it, as {@link #field} would parse it (Clinger's fast path, see
         * {@link AsciiDecimal#simpleDecimal}), and returns the index of the delimiter or newline that ends it; -1, having
         * changed nothing, for any other field or one that reaches the buffer's end: the caller then delimits
         * and parses it the general way.
         */
        private int plainField(byte[] buf, int from, int limit, byte delimiter, int slot) {
            int k = from;
            while (k < limit && buf[k] == ' ') {
                k++;
            }
            int valueStart = k;
            boolean negative = false;
            if (k < limit && (buf[k] == '-' || buf[k] == '+')) {
                negative = buf[k] == '-';
                k++;
            }
            // The integer digits, a point, the fraction digits: each run eight bytes at a time where it can.
            readDigits(buf, k, limit, 0, 0);
            k = digitsEnd;
            int integerDigits = digitCount;
            if (k < limit && buf[k] == '.' && integerDigits <= 15) {
                readDigits(buf, k + 1, limit, digitValue, integerDigits);
                k = digitsEnd;
            }
            int digits = digitCount;
            int scale = digits - integerDigits;
            long mantissa = digitValue;
            int valueEnd = k;
            while (k < limit && buf[k] == ' ') {
                k++;
            }
            if (k == limit || digits == 0 || digits > 15) {
                return -1;
            }
            byte t = buf[k];
            int terminator;
            if (t == delimiter || t == '\n') {
                terminator = k;
            } else if (t == '\r' && k + 1 < limit && buf[k + 1] == '\n') {
                terminator = k + 1;
            } else {
                return -1;
            }
            if (valueEnd - valueStart <= longestNullToken && isNullToken(buf, valueStart, valueEnd)) {
                nulls[slot] = true;
                nullCount[slot]++;
                return terminator;
            }
            double value = scale == 0 ? mantissa : mantissa / AsciiDecimal.POWERS_OF_TEN[scale];
            values[slot] = negative ? -value : value;
            nulls[slot] = false;
            numberBytes[slot] = buf;
            numberStart[slot] = valueStart;
            numberEnd[slot] = valueEnd;
            return terminator;
        }

        /** Parses field number {@code field} if it is selected. */
        private void field(byte[] buf, int a, int b, int field) {
            int slot = field < slotOfField.length ? slotOfField[field] : -1;
            if (slot < 0) {
                return;
            }
            if (textSlot[slot]) {
                textField(buf, a, b, slot);
                return;
            }
            while (a < b && buf[a] == ' ') {
                a++;
            }
            while (b > a && buf[b - 1] == ' ') {
                b--;
            }
            if (a == b || b - a <= longestNullToken && isNullToken(buf, a, b)) {
                nulls[slot] = true;
                nullCount[slot]++;
                return;
            }
            nulls[slot] = false;
            values[slot] = parse(buf, a, b, slot);
            // The number's text without the blanks the parser allowed around it (a tab), as the general reader has it.
            numberBytes[slot] = buf;
            numberStart[slot] = AsciiDecimal.blanksEnd(buf, a, b);
            numberEnd[slot] = AsciiDecimal.blanksStart(buf, numberStart[slot], b);
        }

        /**
         * A text field as the general reader gives it: trimmed of characters up to the space (as
         * {@link String#trim} and Commons CSV's trim do), null when empty or a null token.
         */
        private void textField(byte[] buf, int from, int to, int slot) {
            int a = AsciiDecimal.blanksEnd(buf, from, to);
            int b = AsciiDecimal.blanksStart(buf, a, to);
            if (a == b || b - a <= longestNullToken && isNullToken(buf, a, b)) {
                nulls[slot] = true;
                nullCount[slot]++;
                return;
            }
            nulls[slot] = false;
            texts[slot] = textCache.get(buf, a, b);
        }

        /** A number as {@link Values#parseDouble} reads it, or the signal to read the file the general way. */
        private double parse(byte[] buf, int a, int b, int slot) {
            byte last = buf[b - 1];
            if (!(last >= '0' && last <= '9' || last == '.')) {
                return notNumber(buf, a, b, slot);
            }
            for (int k = a; k < b; k++) {
                if (buf[k] == 'x' || buf[k] == 'X') {
                    return notNumber(buf, a, b, slot);
                }
            }
            double simple = AsciiDecimal.simpleDecimal(buf, a, b);
            if (!Double.isNaN(simple)) {
                return simple;
            }
            double value;
            try {
                value = JavaDoubleParser.parseDouble(buf, a, b - a);
            } catch (NumberFormatException e) {
                return notNumber(buf, a, b, slot);
            }
            if (!Double.isFinite(value)) {
                // 1e999: the encoder's message quotes the value as written, which only the general reader keeps.
                throw new NotPlainNumericException("line " + line + ": a number beyond the double range");
            }
            return value;
        }

        /**
         * Reads the run of ASCII digits starting at {@code from}, continuing {@code mantissa} and its count of
         * {@code digits}, eight bytes at a time while eight bytes remain, into {@link #digitsEnd},
         * {@link #digitCount} and {@link #digitValue}. Stops once past 15 digits: the caller then leaves the
         * field to the general parser.
         */
        private void readDigits(byte[] buf, int from, int limit, long mantissa, int digits) {
            int k = from;
            while (digits <= 15) {
                if (k + Long.BYTES > limit) {
                    while (k < limit && buf[k] >= '0' && buf[k] <= '9' && digits <= 15) {
                        mantissa = mantissa * 10 + (buf[k] - '0');
                        digits++;
                        k++;
                    }
                    break;
                }
                long word = (long) AsciiDecimal.LONGS.get(buf, k);
                int n = AsciiDecimal.leadingDigits(word);
                if (n > 0) {
                    // The n digits moved to the word's top bytes, zeros below: an eight-digit number.
                    mantissa = mantissa * AsciiDecimal.LONG_POWERS_OF_TEN[n] + AsciiDecimal.eightDigits((word - AsciiDecimal.ASCII_ZEROS) << ((8 - n) << 3));
                    digits += n;
                    k += n;
                }
                if (n < Long.BYTES) {
                    break;
                }
            }
            digitsEnd = k;
            digitCount = digits;
            digitValue = mantissa;
        }

        /**
         * A field of a numeric slot that did not parse as a decimal: one of Spark's spellings of NaN and the
         * infinities, read as that double; a stray value (text to the general reader too: not a number after
         * its trim, not a null token, not a boolean), read as NaN with its text kept, and counted unless it is
         * a number with a decimal comma; anything else is left to the general reader.
         *
         * @throws NotPlainNumericException for what the general reader reads, or once the column's stray
         *                                  values are more than a numeric column may have: it is text
         */
        private double notNumber(byte[] buf, int a, int b, int slot) {
            String value = new String(buf, a, b - a, StandardCharsets.UTF_8).trim();
            if (Values.isNaNSpelling(value)) {
                return Double.NaN;
            }
            double infinite = Values.nonFinite(value);
            if (!Double.isNaN(infinite)) {
                return infinite;
            }
            String shown = value.length() > 40 ? value.substring(0, 40) : value;
            String reason = "line " + line + ": '" + shown + "' is not a number";
            if (value.isEmpty() || options.isNull(value) || Values.isDouble(value) || Values.isBoolean(value)
                    || value.indexOf('\uFFFD') >= 0) {
                throw new NotPlainNumericException(reason);
            }
            if (!Values.looksLikeDecimalComma(value) && strays != null
                    && strays.incrementAndGet(slot) > strayLimit) {
                throw NotPlainNumericException.textIn(columns.columns().get(slot).name(), reason);
            }
            return Double.NaN;
        }

        /** Compares bytes with the encoded null tokens: no string per field on the hot path. */
        private boolean isNullToken(byte[] buf, int a, int b) {
            for (byte[] token : nullTokens) {
                if (token.length == b - a && Arrays.equals(buf, a, b, token, 0, token.length)) {
                    return true;
                }
            }
            return false;
        }
    }
}
