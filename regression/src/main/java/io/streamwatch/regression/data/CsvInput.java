package io.streamwatch.regression.data;

import io.streamwatch.regression.store.InputSet;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * What a command's FILE argument names: a CSV file, gzip-compressed or not (told by its magic bytes
 * {@code 1f 8b}, whatever its name), or a directory of part files as Spark and Hadoop write them — its
 * files in name order, {@code _SUCCESS}, other {@code _}-prefixed and hidden ({@code .}-prefixed, as
 * {@code .part-00000.crc}) files skipped, each part gzip or not, the header in every part or only in the
 * first — read as one table.
 */
public final class CsvInput {

    private final Path path;
    private final boolean directory;
    private final List<Path> parts;

    private CsvInput(Path path, boolean directory, List<Path> parts) {
        this.path = path;
        this.directory = directory;
        this.parts = List.copyOf(parts);
    }

    /**
     * @throws UncheckedIOException naming a path that does not exist
     * @throws CsvFormatException   for a directory without data files
     */
    public static CsvInput of(Path path) {
        if (Files.isDirectory(path)) {
            List<Path> parts;
            try (Stream<Path> files = Files.list(path)) {
                parts = files.filter(Files::isRegularFile).filter(f -> InputSet.isDataName(f.getFileName().toString()))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
            }
            if (parts.isEmpty()) {
                throw new CsvFormatException(path + " is a directory without data files (part files such as "
                        + "part-00000.csv; _SUCCESS and hidden files are skipped)");
            }
            return new CsvInput(path, true, parts);
        }
        if (!Files.isRegularFile(path)) {
            throw new UncheckedIOException("no such file: " + path, new NoSuchFileException(path.toString()));
        }
        return new CsvInput(path, false, List.of(path));
    }

    /** The path as given, for messages. */
    public String name() {
        return path.toString();
    }

    public Path path() {
        return path;
    }

    public boolean isDirectory() {
        return directory;
    }

    /** The files to read, in order: the file itself, or the directory's part files. */
    public List<Path> parts() {
        return parts;
    }

    /** Bytes on disk, for progress: compressed ones for gzip parts. */
    public long size() {
        long size = 0;
        for (Path part : parts) {
            try {
                size += Files.size(part);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + part + ": " + e.getMessage(), e);
            }
        }
        return size;
    }

    /**
     * The file the parallel reader may cut into byte ranges: a single file that is not gzip; empty for a
     * directory or a gzip file, which only the general reader reads (a gzip stream cannot be entered in its
     * middle).
     */
    public Optional<Path> splittableFile() {
        return directory || isGzip(path) ? Optional.empty() : Optional.of(path);
    }

    /** Whether the file starts with gzip's magic bytes. */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens one file as strict UTF-8 text, skipping a byte-order mark, decompressing it when it is gzip
     * (every member of a multi-member file).
     */
    public static Reader open(Path file) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
