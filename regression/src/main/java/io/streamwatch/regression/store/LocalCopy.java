package io.streamwatch.regression.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Remote objects as local files, for the readers that read a file more than once or from its start only
 * (the CSV readers: the parallel reader counts lines before it parses, and gzip has no random access). Each
 * object is fetched once, in byte ranges fetched in parallel, into a temporary directory that
 * {@link Copy#close} deletes (and that goes at exit). Local files are used where they are.
 */
public final class LocalCopy {

    /** The size of the ranged reads. */
    static final long RANGE_BYTES = 8L << 20;
    /** Parallel ranged reads: fetching is bound by the network's latency, not by cores. */
    static final int FETCHES = 16;

    private LocalCopy() {
    }

    /**
     * A local path for the input: the file or directory itself, or a temporary copy (a file, or a directory of
     * the parts in their order). What a copy fetched is counted where the objects deliver their bytes
     * ({@link CountingInputObject}).
     *
     * @param path      the file or directory to read
     * @param temporary whether it is a copy, deleted by {@link #close}
     */
    public record Copy(Path path, boolean temporary) implements AutoCloseable {
        /** Deletes a temporary copy. */
        @Override
        public void close() {
            if (temporary) {
                deleteTree(path);
            }
        }
    }

    /**
     * @param input    the objects, as {@code Inputs.resolve} found them
     * @param progress advanced by the bytes fetched
     * @throws UncheckedIOException naming the object that could not be fetched, or the temporary directory
     */
    public static Copy of(InputSet input, AtomicLong progress) {
        if (input.parts().stream().allMatch(p -> p instanceof LocalFile)) {
            return new Copy(input.directory() ? Path.of(input.name())
                    : ((LocalFile) input.parts().get(0)).path(), false);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("regression-input-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for " + input.name() + " (set "
                    + "java.io.tmpdir to a directory with room for the input): " + e.getMessage(), e);
        }
        dir.toFile().deleteOnExit();
        ExecutorService pool = Executors.newFixedThreadPool(FETCHES);
        try {
            List<Path> files = new ArrayList<>();
            List<Future<?>> reads = new ArrayList<>();
            for (int k = 0; k < input.parts().size(); k++) {
                InputObject part = input.parts().get(k);
                // The index keeps the parts' order; the name keeps what the readers look at (.gz, .parquet).
                Path file = dir.resolve(String.format("%05d-%s", k, part.fileName()));
                files.add(file);
                file.toFile().deleteOnExit();
                create(file, part);
                for (long start = 0; start < part.size(); start += RANGE_BYTES) {
                    long from = start;
                    long to = Math.min(part.size(), start + RANGE_BYTES);
                    reads.add(pool.submit(() -> {
                        fetch(part, from, to, file);
                        progress.addAndGet(to - from);
                        return null;
                    }));
                }
            }
            for (Future<?> read : reads) {
                await(read, input.name());
            }
            return new Copy(input.directory() ? dir : files.get(0), true);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void create(Path file, InputObject part) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (part.size() > 0) {
                // The full length now, so that ranges land at their places in any order.
                channel.write(ByteBuffer.allocate(1), part.size() - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (a copy of " + part.name() + "): "
                    + e.getMessage(), e);
        }
    }

    private static void fetch(InputObject part, long from, long to, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = part.open(from, to);
             FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long position = from;
            while (position < to) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, to - position));
                if (n < 0) {
                    throw new IOException(part.name() + " ended at byte " + position + " of " + part.size()
                            + " (was it replaced while being read?)");
                }
                ByteBuffer view = ByteBuffer.wrap(buffer, 0, n);
                while (view.hasRemaining()) {
                    position += channel.write(view, position);
                }
            }
        }
    }

    private static void await(Future<?> read, String name) {
        try {
            read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException("cannot read " + name + ": " + e.getCause().getMessage(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + name, e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // deleteOnExit takes what is left; a leftover copy must not fail a finished command.
            System.err.println("warning: cannot delete the temporary copy " + dir + ": " + e.getMessage());
        }
    }
}
