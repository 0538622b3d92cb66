package io.streamwatch.regression.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

    private static final int DEFAULT_RANGE_BYTES = 8 << 20;
    private static final int BUFFER_BYTES = 1 << 20;
    /** One read buffer per reader thread, reused by every range it reads: no garbage per range. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);
    /** 10^0 .. 10^15, all exact doubles. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final CsvOptions options;
    private final int threads;
    private final AtomicLong progress;
    private final byte[][] nullTokens;
    /** The longest null token: longer fields are not compared with the tokens at all. */
    private final int longestNullToken;
    private final int fieldCount;
    private final int[] slotOfField;
    private final Schema columns;
    private final long[] rangeStarts;
    private final long size;
    /** The line number of the line holding each range's first byte (1 + the newlines before it); counted on first use. */
    private long[] firstLine;

    /**
     * @param columns  the columns to read, in slot order
     * @param progress advanced by the bytes read
     * @throws NotPlainNumericException when the header is not plain (quotes, empty or repeated names)
     * @throws IllegalArgumentException naming a column the file does not have
     */
    public NumericCsvSource(Path file, CsvOptions options, List<String> columns, int threads, AtomicLong progress) {
        this(file, options, columns, threads, progress, DEFAULT_RANGE_BYTES);
    }

    /**
     * With a custom range size (the default is 8 MiB); small ranges exercise the boundary handling in
     * tests. The answer depends on the range size only through rounding: ranges merge in file order.
     */
    public NumericCsvSource(Path file, CsvOptions options, List<String> columns, int threads, AtomicLong progress,
                     int rangeBytes) {
        this.file = file;
        this.options = options;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.nullTokens = options.nullTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        this.longestNullToken = Arrays.stream(nullTokens).mapToInt(t -> t.length).max().orElse(0);
        Header header;
        try (FileChannel channel = open()) {
            size = channel.size();
            header = readHeader(channel);
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
        Schema all = new Schema(header.names().stream().map(h -> new Column(h, ColumnType.DOUBLE)).toList());
        for (int s = 0; s < columns.size(); s++) {
            int field = all.require(columns.get(s));
            slotOfField[field] = s;
            selected.add(all.columns().get(field));
        }
        this.fieldCount = header.names().size();
        this.columns = new Schema(selected);
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

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        try (FileChannel channel = open()) {
            if (firstLine == null) {
                firstLine = countLines(channel);
            }
            AtomicBoolean abort = new AtomicBoolean();
            List<Callable<S>> tasks = new ArrayList<>();
            for (int k = 0; k < rangeStarts.length; k++) {
                int range = k;
                tasks.add(() -> new RangeReader<>(channel, range, sinks.get(), abort).read());
            }
            return runAll(tasks, abort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
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

    /** Runs the range tasks on the pool, results in file order; the first failure stops the others. */
    private <T> List<T> runAll(List<Callable<T>> tasks, AtomicBoolean abort) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    try {
                        return task.call();
                    } catch (RuntimeException | IOException e) {
                        abort.set(true);
                        throw e;
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException("cannot read " + file + ": " + e.getCause().getMessage(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        } finally {
            pool.shutdownNow();
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
        List<Long> counts = runAll(tasks, new AtomicBoolean());
        long[] before = new long[rangeStarts.length];
        long lines = 2; // the header's newline ends line 1
        for (int k = 0; k < before.length; k++) {
            before[k] = lines;
            lines += counts.get(k);
        }
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
                long x = (long) LONGS.get(buf, i) ^ 0x0A0A0A0A0A0A0A0AL;
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

    /** The header's column names and where the data begin. */
    private record Header(List<String> names, long dataStart) {
    }

    private Header readHeader(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        channel.read(buffer, 0);
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        if (end == bytes.length) {
            throw new NotPlainNumericException("no header line in the first 64 KiB");
        }
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
        if (line.indexOf(options.quote()) >= 0) {
            throw new NotPlainNumericException("quoted header");
        }
        List<String> names = Arrays.stream(line.split(java.util.regex.Pattern.quote(String.valueOf(options.delimiter())),
                -1)).map(String::strip).toList();
        if (names.contains("") || new HashSet<>(names).size() != names.size()) {
            throw new NotPlainNumericException("empty or repeated column names");
        }
        return new Header(names, end + 1);
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the lines that start inside one byte range; is the {@link Row} its sink sees. */
    private final class RangeReader<S extends Sink> implements Row {
        private final FileChannel channel;
        private final long start;
        private final long end;
        private final boolean first;
        private final S sink;
        private final AtomicBoolean abort;
        private final double[] values;
        private final boolean[] nulls;
        private long line;

        RangeReader(FileChannel channel, int range, S sink, AtomicBoolean abort) {
            this.channel = channel;
            this.start = rangeStarts[range];
            this.end = end(range);
            this.first = range == 0;
            this.line = firstLine[range];
            this.sink = sink;
            this.abort = abort;
            this.values = new double[columns.columns().size()];
            this.nulls = new boolean[values.length];
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
        public String text(int slot) {
            throw new UnsupportedOperationException("the numeric reader keeps numbers only");
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
                    int newline = indexOf(buf, 0, filled, (byte) '\n');
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
         * Parses the line starting at {@code from} in one pass (fields are parsed as they end) and returns
         * where the next line starts, or -1 if the buffer holds only part of the line (unless at end of file).
         */
        private int parseLine(byte[] buf, int from, int limit, boolean eof) {
            byte delimiter = (byte) options.delimiter();
            byte quote = (byte) options.quote();
            int field = 0;
            int fieldStart = from;
            int i = from;
            for (; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    break;
                }
                if (b == delimiter) {
                    field(buf, fieldStart, i, field++);
                    fieldStart = i + 1;
                } else if (b == quote) {
                    throw new NotPlainNumericException("a quoted field on line " + line);
                }
            }
            if (i == limit && !eof) {
                return -1;
            }
            int lineEnd = i > from && buf[i - 1] == '\r' ? i - 1 : i;
            if (lineEnd == from) {
                return i + 1; // an empty line, skipped as the general reader skips it
            }
            field(buf, fieldStart, Math.max(fieldStart, lineEnd), field++);
            if (field != fieldCount) {
                throw new NotPlainNumericException("line " + line + " has " + field + " fields, the header "
                        + fieldCount);
            }
            sink.accept(this);
            return i + 1;
        }

        /** Parses field number {@code field} if it is selected. */
        private void field(byte[] buf, int a, int b, int field) {
            int slot = field < slotOfField.length ? slotOfField[field] : -1;
            if (slot < 0) {
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
                return;
            }
            nulls[slot] = false;
            values[slot] = parse(buf, a, b);
        }

        /** A number as {@link Values#parseDouble} reads it, or the signal to read the file the general way. */
        private double parse(byte[] buf, int a, int b) {
            byte last = buf[b - 1];
            if (!(last >= '0' && last <= '9' || last == '.')) {
                throw notNumber(buf, a, b);
            }
            for (int k = a; k < b; k++) {
                if (buf[k] == 'x' || buf[k] == 'X') {
                    throw notNumber(buf, a, b);
                }
            }
            double simple = simpleDecimal(buf, a, b);
            if (!Double.isNaN(simple)) {
                return simple;
            }
            try {
                return JavaDoubleParser.parseDouble(buf, a, b - a);
            } catch (NumberFormatException e) {
                throw notNumber(buf, a, b);
            }
        }

        /**
         * Clinger's fast path for the common case, a plain decimal of at most 15 digits ({@code -12.345}):
         * its digits and the power of ten are exact doubles, so one division is correctly rounded, the same
         * double that {@link Double#parseDouble} gives. NaN for anything else (left to fastdoubleparser).
         */
        private static double simpleDecimal(byte[] buf, int a, int b) {
            int i = a;
            boolean negative = buf[i] == '-';
            if (negative || buf[i] == '+') {
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int fraction = -1;
            for (; i < b; i++) {
                int c = buf[i] - '0';
                if (c >= 0 && c <= 9) {
                    mantissa = mantissa * 10 + c;
                    digits++;
                } else if (buf[i] == '.' && fraction < 0) {
                    fraction = i;
                } else {
                    return Double.NaN;
                }
            }
            int scale = fraction < 0 ? 0 : b - fraction - 1;
            if (digits == 0 || digits > 15) {
                return Double.NaN;
            }
            double value = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
            return negative ? -value : value;
        }

        private NotPlainNumericException notNumber(byte[] buf, int a, int b) {
            return new NotPlainNumericException("line " + line + ": '"
                    + new String(buf, a, Math.min(b - a, 40), StandardCharsets.UTF_8) + "' is not a number");
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
