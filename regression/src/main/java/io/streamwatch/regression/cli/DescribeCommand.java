package io.streamwatch.regression.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamwatch.regression.data.Description;
import io.streamwatch.regression.data.Readers;
import io.streamwatch.regression.data.TableInput;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code describe}: Spark's {@code df.describe()}, per column, streaming. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Per column: type, count (non-null), nulls, mean, stddev (sample), min, max (Spark's describe).")
final class DescribeCommand implements Callable<Integer> {
    @Mixin
    CsvInputOptions csv;

    @Parameters(paramLabel = "FILE", description = "Data: a CSV file with a header row (gzip or not), a Parquet file, a directory of "
            + "part files, or the same on S3 (s3://bucket/key, s3://bucket/prefix/).")
    String file;

    @Option(names = "--columns", split = ",", description = "The columns to describe, comma-separated (default: all).")
    List<String> columns;

    @Option(names = "--json", description = "Print an object keyed by column name.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Description d;
        try (TableInput input = TableInput.open(file, new AtomicLong())) {
            d = Description.of(input, csv.options(), Optional.ofNullable(columns), Readers.threads(null));
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            for (Description.Summary s : d.columns()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("type", s.type());
                c.put("count", s.count());
                c.put("nulls", s.nulls());
                c.put("mean", s.mean());
                c.put("stddev", s.stddev());
                c.put("min", s.min());
                c.put("max", s.max());
                if (s.invalid() > 0) {
                    c.put("invalid", s.invalid());
                }
                root.put(s.name(), c);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
            return 0;
        }
        int width = Math.max(7, d.columns().stream().mapToInt(s -> s.name().length()).max().orElse(0));
        String format = "%-" + width + "s %-8s %9s %8s %16s %16s %16s %16s%n";
        System.out.printf(Locale.ROOT, format, "column", "type", "count", "nulls", "mean", "stddev", "min", "max");
        for (Description.Summary s : d.columns()) {
            System.out.printf(Locale.ROOT, format, s.name(), s.type(), s.count(), s.nulls(), show(s.mean()),
                    show(s.stddev()), show(s.min()), show(s.max()));
            if (s.invalid() > 0) {
                System.out.printf(Locale.ROOT, "  (%s: %d values are not finite numbers, left out of mean, stddev, "
                        + "min and max)%n", s.name(), s.invalid());
            }
        }
        System.out.println(d.rows() + " rows");
        return 0;
    }

    private static String show(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double v) {
            return SummaryFormatterAccess.num(v);
        }
        String text = value.toString();
        return text.length() > 16 ? text.substring(0, 15) + "…" : text;
    }

    /** The summary's number format. */
    private static final class SummaryFormatterAccess {
        static String num(double v) {
            double a = Math.abs(v);
            return (a != 0 && (a < 1e-3 || a >= 1e7)) ? String.format(Locale.ROOT, "%.6e", v)
                    : String.format(Locale.ROOT, "%.6f", v);
        }
    }
}
