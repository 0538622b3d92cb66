package io.streamwatch.regression.data;

import io.streamwatch.regression.store.CountingInputObject;
import io.streamwatch.regression.store.InputObject;
import io.streamwatch.regression.store.InputSet;
import io.streamwatch.regression.store.Inputs;
import io.streamwatch.regression.store.LocalCopy;
import io.streamwatch.regression.store.LocalFile;
import io.streamwatch.regression.data.parquet.ParquetSource;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A command's input argument, located and opened in one place: a local CSV file or directory of parts, an
 * {@code s3://} object or prefix of CSV (copied once to a temporary directory, in parallel ranged reads: the
 * CSV readers read a file more than once), or Parquet files, local or on S3, read in place by their column
 * chunks. {@link #close} deletes a temporary copy.
 */
public final class TableInput implements AutoCloseable {

    private final String name;
    private final InputSet objects;
    private final Optional<LocalCopy.Copy> csv;
    private final AtomicLong fetched;

    private TableInput(String name, InputSet objects, Optional<LocalCopy.Copy> csv, AtomicLong fetched) {
        this.name = name;
        this.objects = objects;
        this.csv = csv;
        this.fetched = fetched;
    }

    /**
     * @param argument a path or an {@code s3://} URI, as the user gave it
     * @param progress advanced by the bytes an S3 copy fetches
     * @throws java.io.UncheckedIOException naming a missing file or object, denied access, missing credentials
     * @throws IllegalArgumentException     for a malformed URI or a directory without data files
     */
    public static TableInput open(String argument, AtomicLong progress) {
        InputSet resolved = Inputs.resolve(argument);
        // Remote objects count what they deliver; local files are read where they are, nothing fetched.
        AtomicLong fetched = new AtomicLong();
        InputSet objects = new InputSet(resolved.name(), resolved.directory(), resolved.parts().stream()
                .map(p -> p instanceof LocalFile ? p : new CountingInputObject(p, fetched)).toList());
        if (isParquet(objects)) {
            return new TableInput(argument, objects, Optional.empty(), fetched);
        }
        return new TableInput(argument, objects, Optional.of(LocalCopy.of(objects, progress)), fetched);
    }

    /** A local file or directory, as the library's path-based calls name it. */
    public static TableInput local(Path path) {
        return open(path.toString(), new AtomicLong());
    }

    /**
     * Parquet by name (a part ends in {@code .parquet}, as Spark and pyarrow name them), or, for local files,
     * by the magic bytes at the end of the first part. An S3 object is not probed: that read would be a second
     * fetch of its last bytes.
     */
    private static boolean isParquet(InputSet objects) {
        boolean named = objects.parts().stream().map(InputObject::fileName)
                .anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith(".parquet"));
        return named || objects.parts().stream().allMatch(p -> p instanceof LocalFile)
                && ParquetSource.isParquet(objects);
    }

    /** The argument as given, for messages. */
    public String name() {
        return name;
    }

    /** The objects it names. */
    public InputSet objects() {
        return objects;
    }

    /** The local CSV file or directory to read; empty for Parquet. */
    public Optional<Path> csvPath() {
        return csv.map(LocalCopy.Copy::path);
    }

    /** Bytes fetched from remote (S3) objects so far; 0 for local files, which are read in place. */
    public long fetched() {
        return fetched.get();
    }

    /** The objects' total size, for progress. */
    public long size() {
        return objects.parts().stream().mapToLong(InputObject::size).sum();
    }

    @Override
    public void close() {
        csv.ifPresent(LocalCopy.Copy::close);
    }
}
