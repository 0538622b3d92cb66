package io.streamwatch.regression.store;

import io.streamwatch.regression.store.s3.S3Store;
import io.streamwatch.regression.store.s3.S3Uri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Resolves a command's input argument to an {@link InputSet}: a local file, a local directory of parts
 * (its regular files in name order, {@link InputSet#isDataName markers and hidden files} skipped),
 * {@code s3://bucket/key} (one object, or the "directory" {@code key/} when there is no such object) or
 * {@code s3://bucket/prefix/} (the objects directly under it, in key order). Thread-safe.
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * Resolves on the process's shared S3 client, built only when the argument is an {@code s3://} URI.
     *
     * @throws IllegalArgumentException for a malformed {@code s3://} URI, another URL scheme, or a directory
     *                                  without data files
     * @throws UncheckedIOException     for a missing file or object, an empty prefix, denied access, missing
     *                                  credentials ({@link io.streamwatch.regression.store.s3.S3InputException}):
     *                                  messages of one line that say what to do
     */
    public static InputSet resolve(String argument) {
        return resolve(argument, S3Store::shared);
    }

    /** As {@link #resolve(String)}, with the S3 store to use (tests: the emulator's). */
    public static InputSet resolve(String argument, Supplier<S3Store> s3) {
        if (S3Uri.isS3(argument)) {
            S3Uri uri = S3Uri.parse(argument); // a malformed URI fails before any client is built
            return s3.get().resolve(uri);
        }
        if (argument.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("'" + argument + "': only local paths and s3://bucket/key URIs are "
                    + "read");
        }
        return local(Path.of(argument), argument);
    }

    private static InputSet local(Path path, String name) {
        if (Files.isDirectory(path)) {
            List<InputObject> parts;
            try (Stream<Path> files = Files.list(path)) {
                parts = files.filter(Files::isRegularFile)
                        .filter(f -> InputSet.isDataName(f.getFileName().toString()))
                        .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                        .map(f -> (InputObject) LocalFile.of(f))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException(path + " is a directory without data files (part files such as "
                        + "part-00000.csv; _SUCCESS and hidden files are skipped)");
            }
            return new InputSet(name, true, parts);
        }
        if (!Files.isRegularFile(path)) {
            throw new UncheckedIOException("no such file: " + path, new NoSuchFileException(path.toString()));
        }
        return new InputSet(name, false, List.of(LocalFile.of(path)));
    }
}
