package io.streamwatch.regression.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code SparkFit fit PATH} reads, from any file system Spark reads ({@code s3a://}, {@code hdfs://}, local):
 * a CSV file with a header (Spark's reader, schema inferred, the CLI's null token), a directory of CSV parts
 * (each part with its header), or Parquet (a file or a directory, told by the {@code .parquet} suffix or
 * {@code --format parquet}). A directory's parts are read in name order, so its rows are numbered as the CLI
 * numbers a directory's: the order a writer gave its parts.
 */
final class SparkInput {

    /** The rows, whether they are one CSV file's lines (messages then name lines), and the path. */
    record Read(Dataset<Row> rows, boolean fileLines, String name) {
    }

    private SparkInput() {
    }

    /**
     * @param format    csv, parquet, or auto (parquet when the path, or a directory's part, ends in .parquet)
     * @param nullToken the text that stands for a null besides the empty field, as the CLI's {@code --null-token}
     * @throws UncheckedIOException     naming a path that does not exist or cannot be listed
     * @throws IllegalArgumentException for an unknown format, a directory without data files, or no data rows
     */
    static Read read(SparkSession spark, String path, String format, char delimiter, String nullToken) {
        Path p = new Path(path);
        FileStatus status;
        FileSystem fs;
        try {
            fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            status = fs.getFileStatus(p);
        } catch (IOException e) {
            throw new UncheckedIOException("no such file: " + path + " (" + e.getMessage() + ")", e);
        }
        String kind = format.equals("auto") ? (isParquet(path) || status.isDirectory() && parts(fs, p, path).stream()
                .anyMatch(SparkInput::isParquet) ? "parquet" : "csv") : format;
        if (!kind.equals("csv") && !kind.equals("parquet")) {
            throw new IllegalArgumentException("--format " + format + ": choose csv, parquet or auto");
        }
        DataFrameReader reader = kind.equals("parquet") ? spark.read() : spark.read().option("header", "true")
                .option("sep", String.valueOf(delimiter)).option("nullValue", nullToken).option("mode", "PERMISSIVE");
        StructType schema = kind.equals("parquet") ? reader.parquet(path).schema()
                : reader.option("inferSchema", "true").csv(path).schema();
        reader = reader.schema(schema);
        if (!status.isDirectory()) {
            return nonEmpty(new Read(load(reader, kind, path), kind.equals("csv"), path), kind);
        }
        // Spark packs a directory's files into partitions largest first; the CLI counts rows in name order (the
        // order a writer numbers its parts): one Dataset per part, in name order, keeps that count and the split.
        List<String> parts = parts(fs, p, path);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(path + " is a directory without data files (part files such as "
                    + "part-00000.csv; _SUCCESS and hidden files are skipped)");
        }
        Dataset<Row> all = null;
        for (String part : parts) {
            Dataset<Row> rows = load(reader, kind, part);
            all = all == null ? rows : all.union(rows);
        }
        return nonEmpty(new Read(all, false, path), kind);
    }

    /** An input without data rows is refused as the CLI refuses it (a first-row job: cheap). */
    private static Read nonEmpty(Read read, String kind) {
        if (read.rows().isEmpty()) {
            throw new IllegalArgumentException(read.name() + (kind.equals("csv") ? " has a header but no data rows"
                    : " has no data rows"));
        }
        return read;
    }

    private static boolean isParquet(String path) {
        return path.endsWith(".parquet") || path.endsWith(".parquet/");
    }

    /** A directory's data files in name order: {@code _SUCCESS}, other {@code _} and hidden files left out. */
    private static List<String> parts(FileSystem fs, Path dir, String path) {
        try {
            return Arrays.stream(fs.listStatus(dir)).filter(FileStatus::isFile).map(FileStatus::getPath)
                    .filter(f -> !f.getName().startsWith("_") && !f.getName().startsWith("."))
                    .sorted(Comparator.comparing(Path::getName)).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private static Dataset<Row> load(DataFrameReader reader, String kind, String path) {
        return kind.equals("parquet") ? reader.parquet(path) : reader.csv(path);
    }
}
