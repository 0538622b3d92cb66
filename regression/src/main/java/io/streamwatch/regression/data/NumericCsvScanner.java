package io.streamwatch.regression.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads selected numeric columns of a large unquoted CSV once, in parallel, in constant memory: the file is
 * cut into fixed 8 MiB byte ranges at line boundaries, each range read through a small buffer and parsed
 * straight from bytes, and every row handed to a per-range {@link RowSink}. Ranges are fixed by the file
 * size, not the thread count, and merged in file order, so results are identical on any machine.
 */
public final class NumericCsvScanner {

    private static final int DEFAULT_RANGE_BYTES = 8 << 20;
    private static final int BUFFER_BYTES = 1 << 20;

    /** Receives the parsed rows of one byte range. */
    public interface RowSink {
        /** A row whose selected columns all parsed; {@code values} is reused, copy it to keep it. */
        void row(double[] values);
    }

    /**
     * @param rows         rows read
     * @param invalidRows  rows with an empty, null-token or non-numeric selected value
     * @param firstInvalid where the first invalid row is ("line N, column C: reason"), empty if none
     * @param droppedRows  rows whose key column (the label) is empty or a null token, whatever the others
     *                     hold: left out before anything else, as the in-memory workflow drops null labels
     */
    public record Result<S>(List<S> sinks, long rows, long invalidRows, String firstInvalid, long droppedRows) {
    }

    private final CsvOptions options;
    private final int rangeBytes;
    private final byte[][] nullTokens;

    public NumericCsvScanner(CsvOptions options) {
        this(options, DEFAULT_RANGE_BYTES);
    }

    /** With a custom range size; small ranges exercise the boundary handling in tests. */
    NumericCsvScanner(CsvOptions options, int rangeBytes) {
        this.options = options;
        this.rangeBytes = rangeBytes;
        this.nullTokens = options.nullTokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    /**
     * Scans {@code file}, selecting {@code columns} in that order.
     *
     * @param sinks    makes one sink per byte range; the result lists them in file order
     * @param progress advanced by the bytes processed
     */
    public <S extends RowSink> Result<S> scan(Path file, List<String> columns, Supplier<S> sinks, int threads,
                                              AtomicLong progress) {
        return scan(file, columns, -1, sinks, threads, progress);
    }

    /**
     * Scans {@code file}, selecting {@code columns} in that order; rows whose column {@code keySlot} (an
     * index into {@code columns}, -1 for none) is null are counted as dropped, not invalid.
     */
    public <S extends RowSink> Result<S> scan(Path file, List<String> columns, int keySlot, Supplier<S> sinks,
                                              int threads, AtomicLong progress) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Header header = readHeader(channel, file);
            int[] slotOfField = new int[header.names.size()];
            Arrays.fill(slotOfField, -1);
            for (int s = 0; s < columns.size(); s++) {
                int field = header.names.indexOf(columns.get(s));
                if (field < 0) {
                    throw new IllegalArgumentException("no column named '" + columns.get(s) + "' in " + file
                            + "; the columns are " + header.names);
                }
                slotOfField[field] = s;
            }
            List<long[]> ranges = new ArrayList<>();
            for (long start = header.dataStart; start < size; start += rangeBytes) {
                ranges.add(new long[] {start, Math.min(size, start + rangeBytes)});
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                List<Future<RangeResult<S>>> futures = new ArrayList<>();
                for (long[] range : ranges) {
                    futures.add(pool.submit(() -> new RangeReader<>(file, channel, range[0], range[1],
                            range[0] == header.dataStart, slotOfField, keySlot, columns, sinks.get(), progress).read()));
                }
                List<S> results = new ArrayList<>();
                long rows = 0;
                long invalid = 0;
                long dropped = 0;
                String firstInvalid = "";
                for (Future<RangeResult<S>> future : futures) {
                    RangeResult<S> r = future.get();
                    results.add(r.sink);
                    rows += r.rows;
                    invalid += r.invalid;
                    dropped += r.dropped;
                    if (firstInvalid.isEmpty() && !r.firstInvalidReason.isEmpty()) {
                        firstInvalid = "line " + lineNumberAt(channel, r.firstInvalidOffset) + ", column "
                                + r.firstInvalidReason;
                    }
                }
                return new Result<>(results, rows, invalid, firstInvalid, dropped);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + file, e);
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private record Header(List<String> names, long dataStart) {
    }

    private Header readHeader(FileChannel channel, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        channel.read(buffer, 0);
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        if (end == bytes.length) {
            throw new CsvFormatException(file + ": no header line (or a header longer than 64 KiB)");
        }
        String line = new String(bytes, start, end - start, StandardCharsets.UTF_8).strip();
        List<String> names = Arrays.stream(line.split(java.util.regex.Pattern.quote(String.valueOf(options.delimiter())), -1))
                .map(String::strip).toList();
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

    private static long lineNumberAt(FileChannel channel, long offset) throws IOException {
        long line = 1;
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long position = 0;
        while (position < offset) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n && position + i < offset; i++) {
                if (buffer.get(i) == '\n') {
                    line++;
                }
            }
            position += n;
        }
        return line;
    }

    private record RangeResult<S>(S sink, long rows, long invalid, long dropped, long firstInvalidOffset,
                                  String firstInvalidReason) {
    }

    /** Reads the lines that start inside one byte range. */
    private final class RangeReader<S extends RowSink> {
        private final Path file;
        private final FileChannel channel;
        private final long start;
        private final long end;
        private final boolean startsAtLine;
        private final int[] slotOfField;
        private final int keySlot;
        private final List<String> columns;
        private final S sink;
        private final AtomicLong progress;
        private final double[] values;
        private long rows;
        private long invalid;
        private long dropped;
        private long firstInvalidOffset = -1;
        private String firstInvalidReason = "";

        RangeReader(Path file, FileChannel channel, long start, long end, boolean startsAtLine, int[] slotOfField,
                    int keySlot, List<String> columns, S sink, AtomicLong progress) {
            this.keySlot = keySlot;
            this.file = file;
            this.channel = channel;
            this.start = start;
            this.end = end;
            this.startsAtLine = startsAtLine;
            this.slotOfField = slotOfField;
            this.columns = columns;
            this.sink = sink;
            this.progress = progress;
            this.values = new double[columns.size()];
        }

        RangeResult<S> read() throws IOException {
            byte[] buf = new byte[BUFFER_BYTES];
            ByteBuffer view = ByteBuffer.wrap(buf);
            // Ranges after the first begin one byte early and skip up to the first newline: if the range
            // starts exactly at a line, that skipped fragment is just the previous line's newline.
            long position = startsAtLine ? start : start - 1;
            int filled = 0;
            boolean skipFirst = !startsAtLine;
            // A line belongs to the range it starts in: keep reading past `end` to finish the last one.
            while (true) {
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
                    } else {
                        lineStart = filled;
                    }
                }
                while (!skipFirst && lineStart < filled) {
                    long absolute = bufferOffset + lineStart;
                    if (absolute >= end) {
                        progress.addAndGet(end - start);
                        return result();
                    }
                    int next = parseLine(buf, lineStart, filled, eof, absolute);
                    if (next < 0) {
                        break;
                    }
                    lineStart = next;
                }
                if (eof) {
                    progress.addAndGet(end - start);
                    return result();
                }
                if (lineStart == 0 && filled == buf.length) {
                    throw new CsvFormatException(file + ": a line near byte " + bufferOffset + " is longer than "
                            + BUFFER_BYTES + " bytes");
                }
                System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
                filled -= lineStart;
            }
        }

        private RangeResult<S> result() {
            return new RangeResult<>(sink, rows, invalid, dropped, firstInvalidOffset, firstInvalidReason);
        }

        /**
         * Parses the line starting at {@code from} in one pass (fields are parsed as they end) and returns
         * where the next line starts, or -1 if the buffer holds only part of the line (unless at end of file).
         */
        private int parseLine(byte[] buf, int from, int limit, boolean eof, long offset) {
            byte delimiter = (byte) options.delimiter();
            byte quote = (byte) options.quote();
            int field = 0;
            int fieldStart = from;
            int found = 0;
            String problem = "";
            boolean keyNull = false;
            int i = from;
            for (; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    break;
                }
                if (b == delimiter) {
                    keyNull |= isKeyNull(buf, fieldStart, i, field);
                    if (problem.isEmpty()) {
                        problem = field(buf, fieldStart, i, field);
                        found += field < slotOfField.length && slotOfField[field] >= 0 ? 1 : 0;
                    }
                    field++;
                    fieldStart = i + 1;
                } else if (b == quote) {
                    throw new CsvFormatException(file + ", line " + lineNumber(offset) + ": quoted field; the "
                            + "streaming fit reads plain numeric CSV (use the in-memory fit for quoted files)");
                }
            }
            if (i == limit && !eof) {
                return -1;
            }
            int lineEnd = i > from && buf[i - 1] == '\r' ? i - 1 : i;
            if (lineEnd == from) {
                return i + 1;
            }
            keyNull |= isKeyNull(buf, fieldStart, Math.max(fieldStart, lineEnd), field);
            if (problem.isEmpty()) {
                problem = field(buf, fieldStart, Math.max(fieldStart, lineEnd), field);
                found += field < slotOfField.length && slotOfField[field] >= 0 ? 1 : 0;
            }
            if (keyNull) {
                dropped++;
            } else if (!problem.isEmpty()) {
                invalid(offset, problem);
            } else if (found < columns.size()) {
                invalid(offset, "(row): " + (field + 1) + " fields, fewer than the header");
            } else {
                rows++;
                sink.row(values);
            }
            return i + 1;
        }

        /** True when field number {@code field} is the key column and holds no value. */
        private boolean isKeyNull(byte[] buf, int a, int b, int field) {
            if (keySlot < 0 || field >= slotOfField.length || slotOfField[field] != keySlot) {
                return false;
            }
            while (a < b && buf[a] == ' ') {
                a++;
            }
            while (b > a && buf[b - 1] == ' ') {
                b--;
            }
            return a == b || isNullToken(buf, a, b);
        }

        /** Parses field number {@code field} if it is selected; returns the problem, empty if fine. */
        private String field(byte[] buf, int a, int b, int field) {
            int slot = field < slotOfField.length ? slotOfField[field] : -1;
            if (slot < 0) {
                return "";
            }
            while (a < b && buf[a] == ' ') {
                a++;
            }
            while (b > a && buf[b - 1] == ' ') {
                b--;
            }
            String problem = parse(buf, a, b, slot);
            return problem.isEmpty() ? "" : columns.get(slot) + ": " + problem;
        }

        private String parse(byte[] buf, int a, int b, int slot) {
            if (a == b) {
                return "null";
            }
            if (isNullToken(buf, a, b)) {
                return "null";
            }
            try {
                double v = JavaDoubleParser.parseDouble(buf, a, b - a);
                if (!Double.isFinite(v)) {
                    return "not a finite number";
                }
                values[slot] = v;
                return "";
            } catch (NumberFormatException e) {
                return "not a number: '" + new String(buf, a, Math.min(b - a, 40), StandardCharsets.UTF_8) + "'";
            }
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

        private void invalid(long offset, String reason) {
            invalid++;
            if (firstInvalidOffset < 0) {
                firstInvalidOffset = offset;
                firstInvalidReason = reason;
            }
        }

        private long lineNumber(long offset) {
            try {
                return lineNumberAt(channel, offset);
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
