package io.streamwatch.regression.data.spill;

import io.streamwatch.regression.data.ColumnType;
import io.streamwatch.regression.data.ForwardingSource;
import io.streamwatch.regression.data.PartScan;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A source read once: its first scan parses the input and writes every row's values, part by part, to
 * temporary spill files (binary columns of doubles, outside the heap); every later scan reads them back
 * instead of the input. A fit's refinement passes so never parse text or fetch bytes again, and memory stays
 * flat in the input's size: each part is written and read a block of chunk of rows at a time.
 *
 * <p>Scans are not concurrent: the workflow runs one pass at a time. Within a scan, parts are written and read
 * on several threads, each part by one. {@link #close} deletes the files (and they are deleted at exit).
 */
public final class SpillingSource extends ForwardingSource implements AutoCloseable {

    private final Path directory;
    private final int threads;
    private final boolean[] textSlot;
    private final boolean[] keepNumberText;
    private final Queue<Path> files = new ConcurrentLinkedQueue<>();
    /** The part each thread is writing: when a thread moves to another part, the last one's buffer goes. */
    private final ThreadLocal<Tee<?>> writing = new ThreadLocal<>();
    /** The first scan's writers, closed when it ends however it ends. */
    private final Queue<Tee<?>> writers = new ConcurrentLinkedQueue<>();
    /** The parts' spill files in input order, once the first scan has finished; empty until then. */
    private Optional<List<Path>> spilled = Optional.empty();
    private int sourceReads;

    /**
     * @param source         the rows to read once
     * @param keepNumberText per slot, whether later scans read the text of its numbers (exact decimals,
     *                       labels as written); the text of values that are not finite numbers is always kept
     * @param directory      where the spill files go (the system's temporary directory by default)
     * @param threads        threads that read the spill files back
     */
    public SpillingSource(RowSource source, boolean[] keepNumberText, Path directory, int threads) {
        super(source);
        this.directory = directory;
        this.threads = Math.max(1, threads);
        List<io.streamwatch.regression.data.Column> columns = source.columns().columns();
        this.textSlot = new boolean[columns.size()];
        for (int slot = 0; slot < textSlot.length; slot++) {
            textSlot[slot] = columns.get(slot).type() == ColumnType.STRING;
        }
        this.keepNumberText = keepNumberText.clone();
    }

    /** The same, spilling to the system's temporary directory. */
    public SpillingSource(RowSource source, boolean[] keepNumberText, int threads) {
        this(source, keepNumberText, Path.of(System.getProperty("java.io.tmpdir")), threads);
    }

    /** How many times the input itself was scanned (1 once spilled, unless its first scan failed). */
    public int sourceReads() {
        return sourceReads;
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        if (source.cheapToReadAgain()) {
            sourceReads++;
            return source.scan(sinks);
        }
        if (spilled.isEmpty()) {
            return spill(sinks).stream().map(tee -> tee.sink).toList();
        }
        List<Path> parts = spilled.get();
        List<Callable<S>> tasks = new ArrayList<>();
        for (Path part : parts) {
            tasks.add(() -> replay(part, sinks.get()));
        }
        return new PartScan(threads, "the spill of " + source.name()).all(tasks);
    }

    /**
     * From the spill: the parts read on the pool, at most two per thread ahead of the one handed over, each
     * handed to {@code inOrder} in input order on this thread.
     */
    @Override
    public <S extends Sink> void scanInOrder(Supplier<S> sinks, Consumer<S> inOrder) {
        if (source.cheapToReadAgain()) {
            sourceReads++;
            source.scanInOrder(sinks, inOrder);
            return;
        }
        if (spilled.isEmpty()) {
            spill(sinks).forEach(tee -> inOrder.accept(tee.sink));
            return;
        }
        List<Path> parts = spilled.get();
        new PartScan(threads, "the spill of " + source.name()).inOrder(parts.size(),
                k -> () -> replay(parts.get(k), sinks.get()), new AtomicBoolean(), inOrder);
    }

    /** The first scan: the source's, each part's rows written to a file of its own as they pass. */
    private <S extends Sink> List<Tee<S>> spill(Supplier<S> sinks) {
        sourceReads++;
        List<Tee<S>> tees;
        try {
            tees = source.scan(() -> {
                Tee<S> tee = new Tee<>(sinks.get(), newFile());
                writers.add(tee);
                return tee;
            });
            for (Tee<S> tee : tees) {
                tee.finish();
            }
        } catch (RuntimeException e) {
            deleteFiles();
            throw e;
        } finally {
            writing.remove();
            for (Tee<?> tee; (tee = writers.poll()) != null; ) {
                tee.closeQuietly();
            }
        }
        List<Path> kept = tees.stream().map(tee -> tee.file).toList();
        // Parts a source read again (after learning something on its first try) are not in its answer.
        for (Path file : files) {
            if (!kept.contains(file)) {
                delete(file);
            }
        }
        files.retainAll(kept);
        spilled = Optional.of(kept);
        return tees;
    }

    private Path newFile() {
        try {
            Path file = Files.createTempFile(directory, "regression-spill-", ".bin");
            file.toFile().deleteOnExit();
            files.add(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill file in " + directory + " (set java.io.tmpdir "
                    + "to a directory with room for the parsed columns): " + e.getMessage(), e);
        }
    }

    private <S extends Sink> S replay(Path file, S sink) throws IOException {
        SpillFormat.Reader rows = new SpillFormat.Reader(textSlot);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            ByteBuffer body = ByteBuffer.allocate(SpillFormat.CHUNK_BYTES).order(ByteOrder.nativeOrder());
            while (true) {
                length.clear();
                if (!readFully(channel, length)) {
                    return sink;
                }
                int n = length.getInt(0);
                if (body.capacity() < n) {
                    body = ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
                }
                body.clear().limit(n);
                if (!readFully(channel, body)) {
                    throw new IOException("the spill file " + file + " ends inside a chunk");
                }
                rows.chunk(body.flip());
                while (rows.next()) {
                    sink.accept(rows);
                }
            }
        }
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the spill files. */
    @Override
    public void close() {
        deleteFiles();
        spilled = Optional.empty();
    }

    private void deleteFiles() {
        for (Path file; (file = files.poll()) != null; ) {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Deleted at exit anyway (deleteOnExit); a leftover temporary file must not fail a finished fit.
            System.err.println("warning: cannot delete the spill file " + file + ": " + e.getMessage());
        }
    }

    /** A part's sink that also writes each row to the part's spill file, a chunk at a time. */
    private final class Tee<S extends Sink> implements Sink {
        final S sink;
        final Path file;
        private final SpillFormat.Writer rows = new SpillFormat.Writer(textSlot, keepNumberText);
        private final ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
        private FileChannel channel;

        Tee(S sink, Path file) {
            this.sink = sink;
            this.file = file;
        }

        @Override
        public void accept(Row row) {
            Tee<?> previous = writing.get();
            if (previous != this) {
                if (previous != null) {
                    previous.idle();
                }
                writing.set(this);
            }
            rows.add(row);
            sink.accept(row);
            if (rows.full()) {
                write();
            }
        }

        void finish() {
            write();
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the spill file " + file + ": " + e.getMessage(), e);
            }
        }

        /** Writes what the buffer holds and lets it go: this thread reads another part now. */
        void idle() {
            write();
            rows.idle();
        }

        /** Closes the file after a failed scan; the failure that stopped it is what the user sees. */
        void closeQuietly() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // The scan failed already; its own exception says why.
            }
        }

        private void write() {
            ByteBuffer chunk = rows.chunk();
            try {
                if (chunk.hasRemaining()) {
                    if (channel == null) {
                        channel = FileChannel.open(file, StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                    }
                    length.clear();
                    length.putInt(0, chunk.remaining());
                    while (length.hasRemaining()) {
                        channel.write(length);
                    }
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                }
                rows.clear();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the spill file " + file + " (set java.io.tmpdir to "
                        + "a directory with room for the parsed columns): " + e.getMessage(), e);
            }
        }
    }
}
