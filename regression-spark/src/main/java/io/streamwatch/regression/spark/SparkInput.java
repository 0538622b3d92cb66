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
 * (each part with its header, read in name order so the rows are counted as the CLI counts them), or Parquet
 * (a file or a directory, told by the {@code .parquet} suffix or {@code --format parquet}).
 */
final class SparkInput {

    /** The rows, whether they are one CSV file's lines (messages then name lines), and the path. */
    record Read(Dataset<Row> rows, boolean fileLines, String name) {
    }

    private SparkInput() {
    }

    /**
     * @param format    csv, parquet, or auto (parquet when the path ends in .parquet)
     * @param nullToken the text that stands for a null besides the empty field, as the CLI's {@code --null-token}
     * @throws UncheckedIOException     naming a path that does not exist or cannot be listed
     * @throws IllegalArgumentException for an unknown format or a directory without data files
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
        String kind = format.equals("auto") ? (path.endsWith(".parquet") || path.endsWith(".parquet/")
                ? "parquet" : "csv") : format;
        switch (kind) {
            case "parquet":
                return new Read(spark.read().parquet(path), false, path);
            case "csv":
                break;
            default:
                throw new IllegalArgumentException("--format " + format + ": choose csv, parquet or auto");
        }
        DataFrameReader csv = spark.read().option("header", "true").option("sep", String.valueOf(delimiter))
                .option("nullValue", nullToken).option("mode", "PERMISSIVE");
        StructType schema = csv.option("inferSchema", "true").csv(path).schema();
        if (!status.isDirectory()) {
            return new Read(csv.schema(schema).csv(path), true, path);
        }
        // Spark packs a directory's files into partitions largest first; the CLI counts rows in name order:
        // one Dataset per part, in name order, keeps the count (and the split) the same.
        List<String> parts;
        try {
            parts = Arrays.stream(fs.listStatus(p)).filter(FileStatus::isFile)
                    .map(f -> f.getPath()).filter(f -> !f.getName().startsWith("_") && !f.getName().startsWith("."))
                    .sorted(Comparator.comparing(Path::getName)).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(path + " is a directory without data files (part files such as "
                    + "part-00000.csv; _SUCCESS and hidden files are skipped)");
        }
        Dataset<Row> all = null;
        for (String part : parts) {
            Dataset<Row> rows = csv.schema(schema).csv(part);
            all = all == null ? rows : all.union(rows);
        }
        return new Read(all, false, path);
    }
}
