package io.streamwatch.regression.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Infers each column's type (like Spark's {@code inferSchema}), with one rule of ours for stray values:
 * <ul>
 *   <li>a number is a decimal or one of Spark's spellings of the non-finite doubles ({@code NaN}, {@code Inf},
 *       {@code Infinity}, with signs: {@link Values#parseDouble});</li>
 *   <li>a column is numeric (integer when every number in it is written as an integer, else double) when it
 *       holds a number and at most {@link #STRAY_PERCENT} % of its non-null values are not numbers: those
 *       are stray values, which make their rows invalid in a fit ({@code --invalid} decides), never levels
 *       of a one-hot encoding. A number written with a decimal comma ({@code 1,5}) counts as a stray value
 *       of a numeric column, never as text;</li>
 *   <li>a column whose non-null values are all {@code true}/{@code false} is boolean; any other column is a
 *       string (text: one-hot encoded as a feature); a column with only nulls is a string.</li>
 * </ul>
 * Rows are added one at a time, so a file of any size is inferred in one pass. Not thread-safe.
 */
public final class SchemaInference {

    /** The largest share of a numeric column's non-null values that may be stray values, in percent. */
    public static final int STRAY_PERCENT = 5;

    private final List<String> header;
    private final CsvOptions options;
    private final long[] nonNull;
    /** Values that are neither numbers nor numbers written with a decimal comma. */
    private final long[] strays;
    /** Numbers and decimal-comma numbers. */
    private final long[] numbers;
    private final boolean[] integer;
    private final boolean[] bool;
    /** The first value of each column that is not a usable number, and its line (-1 when unknown). */
    private final String[] firstInvalid;
    private final long[] firstInvalidLine;
    /** Values that are not finite numbers. */
    private final long[] invalidCount;

    public SchemaInference(List<String> header, CsvOptions options) {
        this.header = List.copyOf(header);
        this.options = options;
        int n = header.size();
        nonNull = new long[n];
        strays = new long[n];
        numbers = new long[n];
        integer = filled(n);
        bool = filled(n);
        firstInvalid = new String[n];
        firstInvalidLine = new long[n];
        invalidCount = new long[n];
        Arrays.fill(firstInvalidLine, -1);
    }

    /** Infers from rows held in memory. */
    public static Schema infer(List<String> header, List<String[]> rows, CsvOptions options) {
        SchemaInference inference = new SchemaInference(header, options);
        rows.forEach(inference::add);
        return inference.schema();
    }

    public void add(String[] row) {
        add(row, -1);
    }

    /** Adds a record read on {@code line}, which messages about its values name. */
    public void add(String[] row, long line) {
        for (int c = 0; c < row.length; c++) {
            add(c, row[c], line);
        }
    }

    /** Adds one value of column {@code c}, as written (trimmed); a null token or an empty value counts for nothing. */
    public void add(int c, String v) {
        add(c, v, -1);
    }

    /** Adds one value of column {@code c} read on {@code line}. */
    public void add(int c, String v, long line) {
        if (options.isNull(v)) {
            return;
        }
        nonNull[c]++;
        bool[c] = bool[c] && Values.isBoolean(v);
        if (Values.isInteger(v)) {
            numbers[c]++;
            return;
        }
        Optional<Double> number = Values.parseDouble(v);
        if (number.isPresent()) {
            numbers[c]++;
            integer[c] = false;
            if (!Double.isFinite(number.get())) {
                invalid(c, v, line);
            }
            return;
        }
        if (Values.looksLikeDecimalComma(v)) {
            numbers[c]++;
            integer[c] = false;
        } else {
            strays[c]++;
        }
        invalid(c, v, line);
    }

    private void invalid(int c, String v, long line) {
        invalidCount[c]++;
        if (firstInvalid[c] == null) {
            firstInvalid[c] = v;
            firstInvalidLine[c] = line;
        }
    }

    /**
     * Adds a value of column {@code c} that is a finite number to {@link Values#parseDouble} (the parallel
     * reader parsed it), written as an integer or not: what {@link #add(int, String)} concludes from its text.
     */
    public void addNumber(int c, boolean writtenAsInteger) {
        nonNull[c]++;
        numbers[c]++;
        integer[c] = integer[c] && writtenAsInteger;
        bool[c] = false;
    }

    /** Adds what another inference saw (of the same header, later in the input). */
    public void merge(SchemaInference other) {
        for (int c = 0; c < nonNull.length; c++) {
            nonNull[c] += other.nonNull[c];
            strays[c] += other.strays[c];
            numbers[c] += other.numbers[c];
            invalidCount[c] += other.invalidCount[c];
            integer[c] &= other.integer[c];
            bool[c] &= other.bool[c];
            if (firstInvalid[c] == null) {
                firstInvalid[c] = other.firstInvalid[c];
                firstInvalidLine[c] = other.firstInvalidLine[c];
            }
        }
    }

    /** Whether a column with these counts is numeric: {@link #STRAY_PERCENT} % stray values at most. */
    public static boolean numeric(long nonNull, long numbers, long strays) {
        return numbers > 0 && strays * 100 <= STRAY_PERCENT * nonNull;
    }

    public Schema schema() {
        List<Column> columns = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            ColumnType type = nonNull[c] == 0 ? ColumnType.STRING
                    : bool[c] ? ColumnType.BOOLEAN
                    : numeric(nonNull[c], numbers[c], strays[c]) ? (integer[c] ? ColumnType.INTEGER : ColumnType.DOUBLE)
                    : ColumnType.STRING;
            columns.add(new Column(header.get(c), type));
        }
        return new Schema(columns);
    }

    /**
     * The first value of column {@code c} that is not a finite number, with its line when known ("line 7:
     * 'abc'"): what a message about a column that must be numeric shows.
     */
    public Optional<String> firstInvalid(int c) {
        return Optional.ofNullable(firstInvalid[c]).map(v -> (firstInvalidLine[c] >= 0
                ? "line " + firstInvalidLine[c] + ": " : "") + Values.whyNotANumber(v));
    }

    /**
     * For a numeric column with values that are not finite numbers: how many, and the first ("x: 2 values
     * are not finite numbers ... (first: line 7: 'abc' is not a number)"); empty otherwise.
     */
    public Optional<String> invalidNote(int c) {
        if (invalidCount[c] == 0 || !schema().columns().get(c).type().isNumeric()) {
            return Optional.empty();
        }
        return Optional.of(header.get(c) + ": " + invalidCount[c] + (invalidCount[c] == 1 ? " value is" : " values are")
                + " not a finite number; a fit leaves their rows to --invalid (first: " + firstInvalid(c).orElse("")
                + ")");
    }

    private static boolean[] filled(int n) {
        boolean[] a = new boolean[n];
        Arrays.fill(a, true);
        return a;
    }
}
