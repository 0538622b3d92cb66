package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.data.CsvOptions;
import io.streamwatch.regression.data.NumericCsvSource;
import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.design.InvalidPolicy;
import io.streamwatch.regression.design.UnseenLevelPolicy;
import io.streamwatch.regression.inference.Coefficient;
import io.streamwatch.regression.store.InputSet;
import io.streamwatch.regression.store.LocalFile;
import io.streamwatch.regression.workflow.FitReport;
import io.streamwatch.regression.workflow.RegressionWorkflow;
import io.streamwatch.regression.workflow.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet measurement of issue 25, not a test: converts the benchmark CSV (scripts/bench-regression.sh's
 * {@code generate} output: x1..x10, y) to Parquet, and times a scan and a fit of either. Run with the test
 * class path for {@code convert} (the writer needs Hadoop's classes) and with the runtime class path only
 * for {@code scan} and {@code fit} (which shows the reader needs none):
 * <pre>
 *   ParquetBench convert IN.csv OUT.parquet ROWS_PER_GROUP
 *   ParquetBench scan FILE          (a .parquet file, or a CSV read by the parallel CSV reader)
 *   ParquetBench fit FILE
 * </pre>
 */
public final class ParquetBench {

    private static final List<String> FEATURES = IntStream.rangeClosed(1, 10).mapToObj(j -> "x" + j).toList();

    private ParquetBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        long start = System.nanoTime();
        switch (args[0]) {
            case "convert" -> convert(file, Path.of(args[2]), Integer.parseInt(args[3]));
            case "scan" -> {
                RowSource source = source(file, columns());
                List<Sum> parts = source.scan(Sum::new);
                long rows = parts.stream().mapToLong(p -> p.rows).sum();
                double sum = parts.stream().mapToDouble(p -> p.sum).sum();
                System.out.printf("scan: %d rows in %d parts, sum(y) %.4f%n", rows, parts.size(), sum);
            }
            case "fit" -> {
                WorkflowOptions options = new WorkflowOptions("y", FEATURES, true, InvalidPolicy.ERROR,
                        UnseenLevelPolicy.ERROR, 0.7, 42);
                FitReport report = RegressionWorkflow.run(source(file, RegressionWorkflow.columns(options)),
                        Optional.empty(), options);
                System.out.println("fit: " + report.rows());
                for (Coefficient c : report.fit().coefficients()) {
                    System.out.printf("  %-12s %.17g %.17g%n", c.name(), c.estimate(), c.standardError());
                }
            }
            default -> throw new IllegalArgumentException("convert, scan or fit");
        }
        System.out.printf("%s: %.2f s%n", args[0], (System.nanoTime() - start) / 1e9);
    }

    private static List<String> columns() {
        return java.util.stream.Stream.concat(FEATURES.stream(), java.util.stream.Stream.of("y")).toList();
    }

    private static RowSource source(Path file, List<String> columns) {
        int threads = Runtime.getRuntime().availableProcessors();
        if (file.toString().endsWith(".parquet")) {
            return new ParquetSource(new InputSet(file.toString(), false, List.of(LocalFile.of(file))), columns,
                    threads, new AtomicLong());
        }
        return new NumericCsvSource(file, CsvOptions.DEFAULT, columns, threads, new AtomicLong());
    }

    /** Every column as a required DOUBLE, as pyarrow writes a CSV of decimals; snappy; row groups by rows. */
    private static void convert(Path csv, Path out, int rowsPerGroup) throws IOException {
        List<String> names = columns();
        MessageType schema = new MessageType("bench", names.stream()
                .map(n -> (org.apache.parquet.schema.Type) Types.required(PrimitiveTypeName.DOUBLE).named(n)).toList());
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Files.deleteIfExists(out);
        // The writer cuts row groups by bytes: 8 bytes a value, a little slack for the page headers.
        long groupBytes = (long) rowsPerGroup * names.size() * 8 + (1 << 20);
        try (ParquetWriter<Group> writer = ParquetFiles.writer(out, schema, groupBytes, 1 << 20)) {
            NumericCsvSource source = new NumericCsvSource(csv, CsvOptions.DEFAULT, names, 1, new AtomicLong());
            source.scanInOrder(() -> new Writing(writer, groups, names.size()), w -> {
                if (w.failure != null) {
                    throw new IllegalStateException(w.failure);
                }
            });
        }
        System.out.printf("wrote %s (%d bytes)%n", out, Files.size(out));
    }

    /** Writes the rows of a part (one thread: the source above reads in order on one). */
    private static final class Writing implements RowSource.Sink {
        private final ParquetWriter<Group> writer;
        private final SimpleGroupFactory groups;
        private final int width;
        IOException failure;

        Writing(ParquetWriter<Group> writer, SimpleGroupFactory groups, int width) {
            this.writer = writer;
            this.groups = groups;
            this.width = width;
        }

        @Override
        public void accept(Row row) {
            Group g = groups.newGroup();
            for (int s = 0; s < width; s++) {
                g.add(s, row.number(s));
            }
            try {
                writer.write(g);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private static final class Sum implements RowSource.Sink {
        long rows;
        double sum;

        @Override
        public void accept(Row row) {
            rows++;
            sum += row.number(10);
        }
    }
}
