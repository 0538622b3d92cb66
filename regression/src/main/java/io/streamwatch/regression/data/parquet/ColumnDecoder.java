package io.streamwatch.regression.data.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat column chunk value by value, page by page. PLAIN numbers (the common case: pyarrow and
 * Spark fall back to PLAIN once a dictionary grows large) are read straight from the page bytes; every
 * other encoding (dictionaries, DELTA, BYTE_STREAM_SPLIT, booleans, strings) through Parquet's own
 * {@link ValuesReader} for it, and definition levels through Parquet's RLE decoder — only for optional
 * columns: a required column has none. One thread.
 */
final class ColumnDecoder {

    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final ChunkPages pages;
    private final ColumnDescriptor column;
    private final PrimitiveTypeName type;
    private final int maxDefinition;
    private final Dictionary dictionary;
    /** Values (nulls included) left in the current page. */
    private int remaining;
    /** The page's definition levels; null for a required column. */
    private Levels levels;
    /** PLAIN numbers: the page's bytes and the next value's offset. */
    private byte[] plain;
    private int offset;
    /** Any other encoding. */
    private ValuesReader values;

    ColumnDecoder(ChunkPages pages, ColumnDescriptor column) {
        this.pages = pages;
        this.column = column;
        this.type = column.getPrimitiveType().getPrimitiveTypeName();
        this.maxDefinition = column.getMaxDefinitionLevel();
        try {
            this.dictionary = pages.dictionary().isPresent()
                    ? pages.dictionary().get().getEncoding().initDictionary(column, pages.dictionary().get()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(pages.where() + ": its dictionary does not decode: " + e.getMessage(), e);
        }
    }

    /** Moves to the next value; whether it is there (false: null). Then read it with one of the getters. */
    boolean next() {
        if (remaining == 0) {
            nextPage();
        }
        remaining--;
        return levels == null || levels.next() == maxDefinition;
    }

    double getDouble() {
        if (plain != null) {
            double v = (double) DOUBLES.get(plain, offset);
            offset += 8;
            return v;
        }
        return values.readDouble();
    }

    long getLong() {
        if (plain != null) {
            long v = (long) LONGS.get(plain, offset);
            offset += 8;
            return v;
        }
        return values.readLong();
    }

    int getInteger() {
        if (plain != null) {
            int v = (int) INTS.get(plain, offset);
            offset += 4;
            return v;
        }
        return values.readInteger();
    }

    float getFloat() {
        if (plain != null) {
            float v = (float) FLOATS.get(plain, offset);
            offset += 4;
            return v;
        }
        return values.readFloat();
    }

    boolean getBoolean() {
        return values.readBoolean();
    }

    Binary getBinary() {
        return values.readBytes();
    }

    private void nextPage() {
        ChunkPages.DataPage page = pages.nextPage();
        remaining = page.valueCount();
        try {
            ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(page.bytes(), 0, page.length()));
            levels = null;
            if (maxDefinition > 0) {
                if (page.definitionLevels().isPresent()) {
                    levels = new RleLevels(new RunLengthBitPackingHybridDecoder(
                            BytesUtils.getWidthFromMaxInt(maxDefinition),
                            new ByteArrayInputStream(page.definitionLevels().get())));
                } else {
                    ValuesReader reader = page.definitionEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
                    reader.initFromPage(remaining, in);
                    levels = reader::readInteger;
                }
            }
            Encoding encoding = page.valueEncoding();
            plain = null;
            values = null;
            if (encoding == Encoding.PLAIN && (type == PrimitiveTypeName.DOUBLE || type == PrimitiveTypeName.INT64
                    || type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.FLOAT)) {
                plain = page.bytes();
                offset = (int) in.position();
            } else if (encoding.usesDictionary()) {
                if (dictionary == null) {
                    throw new IllegalStateException(pages.where() + ": a dictionary-encoded page without a dictionary");
                }
                values = encoding.getDictionaryBasedValuesReader(column, ValuesType.VALUES, dictionary);
                values.initFromPage(remaining, in);
            } else {
                values = encoding.getValuesReader(column, ValuesType.VALUES);
                values.initFromPage(remaining, in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(pages.where() + ": a page does not decode: " + e.getMessage(), e);
        }
    }

    /** A page's definition levels, one per value. */
    private interface Levels {
        int next();
    }

    private record RleLevels(RunLengthBitPackingHybridDecoder decoder) implements Levels {
        @Override
        public int next() {
            try {
                return decoder.readInt();
            } catch (IOException e) {
                throw new UncheckedIOException("definition levels do not decode: " + e.getMessage(), e);
            }
        }
    }
}
