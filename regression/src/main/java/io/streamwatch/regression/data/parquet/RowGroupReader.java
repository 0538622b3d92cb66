package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.data.Row;
import io.streamwatch.regression.data.RowSource;
import io.streamwatch.regression.data.parquet.ParquetColumn.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import io.streamwatch.regression.store.InputObject;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import java.util.Map;

/**
 * Reads one row group's selected columns page by page ({@link ColumnDecoder}: primitive values straight
 * from the decoded pages, no record objects) and hands each row to a sink; is the {@link Row} the sink
 * sees. One thread.
 */
final class RowGroupReader implements Row {

    /** 10^0 .. 10^22: exact doubles, so a decimal of at most 53 bits over one of them is correctly rounded. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final InputObject object;
    private final PartFooter footer;
    private final int block;
    private final ParquetSource.ReadPlan plan;
    private final String where;
    private final Kind[] kinds;
    private final int[] columnOfSlot;
    private final int[] scale;
    /** Whether an integer or decimal column is stored as INT32 (else INT64): parts may differ. */
    private final boolean[] isInt32;
    private final boolean[] nulls;
    private final double[] numbers;
    private final long[] integers;
    private final String[] texts;
    private long ordinal;

    RowGroupReader(InputObject object, PartFooter footer, int block, ParquetSource.ReadPlan plan, String where) {
        this.object = object;
        this.footer = footer;
        this.block = block;
        this.plan = plan;
        this.where = where;
        int n = plan.names().size();
        this.kinds = plan.kinds().toArray(Kind[]::new);
        this.columnOfSlot = plan.columnOfSlot();
        this.scale = new int[n];
        this.isInt32 = new boolean[n];
        this.nulls = new boolean[n];
        this.numbers = new double[n];
        this.integers = new long[n];
        this.texts = new String[n];
    }

    /**
     * Reads the row group, the rows numbered on from {@code rowsBefore}; stops early once {@code abort} is set.
     *
     * @throws java.io.UncheckedIOException naming the part when its bytes cannot be read
     * @throws IllegalArgumentException      naming the part and row group when they do not decode
     */
    void read(long rowsBefore, RowSource.Sink sink, AtomicBoolean abort) {
        Map<String, ParquetColumn> fields = ParquetSource.fieldsOf(footer);
        List<Type> projected = new ArrayList<>();
        for (int c = 0; c < kinds.length; c++) {
            ParquetColumn field = fields.get(plan.names().get(c));
            projected.add(field.physical().orElseThrow());
            scale[c] = field.scale();
        }
        MessageType projection = new MessageType("schema", projected);
        PartFooter.RowGroupMeta rowGroup = footer.rowGroups().get(block);
        try (RowGroupPages pages = new RowGroupPages(object, rowGroup, plan.names())) {
            ColumnDecoder[] readers = new ColumnDecoder[kinds.length];
            for (int c = 0; c < kinds.length; c++) {
                ColumnDescriptor column = projection.getColumnDescription(new String[] {plan.names().get(c)});
                readers[c] = new ColumnDecoder(pages.chunk(plan.names().get(c)), column);
                isInt32[c] = column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32;
            }
            long count = rowGroup.rows();
            for (long i = 0; i < count; i++) {
                if ((i & 0xFFFF) == 0 && abort.get()) {
                    return;
                }
                decode(readers);
                ordinal = rowsBefore + i + 1;
                // What the sink throws (an invalid row under --invalid error) goes to the caller as it is.
                sink.accept(this);
            }
        }
    }

    /**
     * Decodes the next row of every column.
     *
     * @throws IllegalArgumentException naming the part and row group when a page does not decode (Parquet's
     *                                  decoders throw their own runtime exceptions: a corrupt file)
     */
    private void decode(ColumnDecoder[] readers) {
        try {
            for (int c = 0; c < readers.length; c++) {
                value(c, readers[c]);
            }
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(object.name() + ", row group " + (block + 1) + " does not decode ("
                    + e + "): a corrupt file, or an encoding this reader does not know", e);
        }
    }

    /** Decodes column {@code c}'s current value into the row and moves its reader to the next. */
    private void value(int c, ColumnDecoder reader) {
        if (!reader.next()) {
            nulls[c] = true;
            return;
        }
        nulls[c] = false;
        switch (kinds[c]) {
            case DOUBLE -> numbers[c] = reader.getDouble();
            case INT -> {
                integers[c] = isInt32[c] ? reader.getInteger() : reader.getLong();
                numbers[c] = integers[c];
            }
            case UINT32 -> {
                integers[c] = Integer.toUnsignedLong(reader.getInteger());
                numbers[c] = integers[c];
            }
            case UINT64 -> {
                integers[c] = reader.getLong();
                numbers[c] = integers[c] >= 0 ? integers[c]
                        : new BigDecimal(Long.toUnsignedString(integers[c])).doubleValue();
            }
            case FLOAT -> {
                // The float's shortest decimal, as a CSV of the same data would have it written.
                texts[c] = Float.toString(reader.getFloat());
                numbers[c] = Double.parseDouble(texts[c]);
            }
            case DECIMAL_INT -> {
                long unscaled = isInt32[c] ? reader.getInteger() : reader.getLong();
                integers[c] = unscaled;
                numbers[c] = Math.abs(unscaled) < (1L << 53) && scale[c] < POWERS_OF_TEN.length
                        ? unscaled / POWERS_OF_TEN[scale[c]] : BigDecimal.valueOf(unscaled, scale[c]).doubleValue();
            }
            case DECIMAL_BYTES -> {
                BigDecimal d = new BigDecimal(new BigInteger(reader.getBinary().getBytes()), scale[c]);
                texts[c] = d.toPlainString();
                numbers[c] = d.doubleValue();
            }
            case BOOLEAN -> numbers[c] = reader.getBoolean() ? 1 : 0;
            case STRING -> {
                Binary b = reader.getBinary();
                String t = b.toStringUsingUTF8().strip();
                nulls[c] = t.isEmpty();
                texts[c] = t;
            }
        }
    }

    /** The row's 1-based position in the input: Parquet has no lines. */
    @Override
    public long line() {
        return ordinal;
    }

    @Override
    public long ordinal() {
        return ordinal;
    }

    @Override
    public String where() {
        return where + "row " + ordinal;
    }

    @Override
    public boolean isNull(int slot) {
        return nulls[columnOfSlot[slot]];
    }

    @Override
    public double number(int slot) {
        int c = columnOfSlot[slot];
        return kinds[c] == Kind.STRING ? io.streamwatch.regression.data.Values.parseDouble(texts[c]).orElse(Double.NaN)
                : numbers[c];
    }

    @Override
    public String text(int slot) {
        int c = columnOfSlot[slot];
        return switch (kinds[c]) {
            case INT, UINT32 -> Long.toString(integers[c]);
            case UINT64 -> Long.toUnsignedString(integers[c]);
            case DOUBLE -> Double.toString(numbers[c]);
            case DECIMAL_INT -> BigDecimal.valueOf(integers[c], scale[c]).toPlainString();
            case BOOLEAN -> numbers[c] == 1 ? "true" : "false";
            case FLOAT, DECIMAL_BYTES, STRING -> texts[c];
        };
    }
}
