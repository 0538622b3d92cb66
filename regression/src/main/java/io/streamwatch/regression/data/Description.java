package io.streamwatch.regression.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spark's {@code df.describe()} on a file, streaming: per column its type, {@code count} (non-null values),
 * {@code nulls}, and for a numeric column the {@code mean} and the sample {@code stddev} (Welford's update,
 * parts merged in file order by Chan's formula), {@code min} and {@code max} of its finite numbers and how
 * many values are {@code invalid} (not finite numbers: stray values, NaN, infinities); for a string or
 * boolean column {@code min} and {@code max} in text order, as Spark gives them.
 *
 * @param source  the input, as given
 * @param rows    data rows
 * @param columns one summary per column, in the order asked
 */
public record Description(String source, long rows, List<Summary> columns) {

    /**
     * One column's summary; {@code mean}, {@code stddev} are null for a column that is not numeric or has no
     * finite number, {@code min} and {@code max} null when there is nothing to order.
     */
    public record Summary(String name, String type, long count, long nulls, Double mean, Double stddev, Object min,
                          Object max, long invalid) {
    }

    /**
     * @param columns the columns to describe (all when empty), in that order
     * @throws IllegalArgumentException naming a column the file does not have
     */
    public static Description of(Path path, CsvOptions options, Optional<List<String>> columns, int threads) {
        try (TableInput input = TableInput.local(path)) {
            return of(input, options, columns, threads);
        }
    }

    /** The same, of a located input (a CSV or Parquet file, directory or S3 object). */
    public static Description of(TableInput path, CsvOptions options, Optional<List<String>> columns, int threads) {
        ParallelSchemaInference.Inferred inferred = Readers.inferSchema(path, options, threads);
        Schema schema = inferred.schema();
        List<String> names = columns.orElse(schema.columns().stream().map(Column::name).toList());
        List<ColumnType> types = names.stream().map(n -> schema.column(n).type()).toList();
        Set<String> text = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!types.get(i).isNumeric()) {
                text.add(names.get(i));
            }
        }
        List<Part> parts = Readers.read(path, Optional.empty(), options, names, text, c -> false, threads,
                new AtomicLong(), (source, none) -> source.scan(() -> new Part(types))).result();
        Part all = parts.get(0);
        parts.stream().skip(1).forEach(all::merge);
        List<Summary> summaries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            summaries.add(all.summary(i, names.get(i), types.get(i)));
        }
        return new Description(path.name(), all.rows, summaries);
    }

    /** One part's statistics of every slot. */
    private static final class Part implements RowSource.Sink {
        private final boolean[] numeric;
        long rows;
        private final long[] nulls;
        private final long[] invalid;
        private final long[] numbers;
        private final double[] mean;
        private final double[] m2;
        private final double[] min;
        private final double[] max;
        private final String[] minText;
        private final String[] maxText;

        Part(List<ColumnType> types) {
            int n = types.size();
            numeric = new boolean[n];
            for (int i = 0; i < n; i++) {
                numeric[i] = types.get(i).isNumeric();
            }
            nulls = new long[n];
            invalid = new long[n];
            numbers = new long[n];
            mean = new double[n];
            m2 = new double[n];
            min = new double[n];
            max = new double[n];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            minText = new String[n];
            maxText = new String[n];
        }

        @Override
        public void accept(Row row) {
            rows++;
            for (int i = 0; i < numeric.length; i++) {
                if (row.isNull(i)) {
                    nulls[i]++;
                } else if (numeric[i]) {
                    double v = row.number(i);
                    if (!Double.isFinite(v)) {
                        invalid[i]++;
                        continue;
                    }
                    numbers[i]++;
                    double d = v - mean[i];
                    mean[i] += d / numbers[i];
                    m2[i] += d * (v - mean[i]);
                    min[i] = Math.min(min[i], v);
                    max[i] = Math.max(max[i], v);
                } else {
                    String t = row.text(i);
                    if (minText[i] == null || t.compareTo(minText[i]) < 0) {
                        minText[i] = t;
                    }
                    if (maxText[i] == null || t.compareTo(maxText[i]) > 0) {
                        maxText[i] = t;
                    }
                }
            }
        }

        void merge(Part o) {
            rows += o.rows;
            for (int i = 0; i < numeric.length; i++) {
                nulls[i] += o.nulls[i];
                invalid[i] += o.invalid[i];
                long n = numbers[i] + o.numbers[i];
                if (o.numbers[i] > 0) {
                    double d = o.mean[i] - mean[i];
                    mean[i] += d * o.numbers[i] / n;
                    m2[i] += o.m2[i] + d * d * numbers[i] * (double) o.numbers[i] / n;
                }
                numbers[i] = n;
                min[i] = Math.min(min[i], o.min[i]);
                max[i] = Math.max(max[i], o.max[i]);
                if (o.minText[i] != null && (minText[i] == null || o.minText[i].compareTo(minText[i]) < 0)) {
                    minText[i] = o.minText[i];
                }
                if (o.maxText[i] != null && (maxText[i] == null || o.maxText[i].compareTo(maxText[i]) > 0)) {
                    maxText[i] = o.maxText[i];
                }
            }
        }

        Summary summary(int i, String name, ColumnType type) {
            long count = rows - nulls[i];
            if (!numeric[i]) {
                return new Summary(name, type.sparkName(), count, nulls[i], null, null, minText[i], maxText[i], 0);
            }
            boolean any = numbers[i] > 0;
            Object low = !any ? null : type == ColumnType.INTEGER ? (Object) (long) min[i] : (Object) min[i];
            Object high = !any ? null : type == ColumnType.INTEGER ? (Object) (long) max[i] : (Object) max[i];
            return new Summary(name, type.sparkName(), count, nulls[i], any ? mean[i] : null,
                    numbers[i] > 1 ? Math.sqrt(m2[i] / (numbers[i] - 1)) : null, low, high, invalid[i]);
        }
    }
}
