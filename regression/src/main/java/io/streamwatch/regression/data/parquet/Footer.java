package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.store.InputObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Reads a Parquet object's footer: its schema and where its row groups' column chunks are. Two ranged
 * reads, the last 8 bytes and then the footer, so that no byte of the object is fetched twice in a fit (the
 * column chunks are read by their own ranged reads).
 */
final class Footer {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);

    private Footer() {
    }

    /**
     * Whether the object ends with Parquet's magic bytes ({@code PAR1}): a Parquet file, whatever its name.
     * One 4-byte ranged read.
     *
     * @throws UncheckedIOException naming an object that cannot be read
     */
    static boolean hasMagic(InputObject object) {
        if (object.size() < 12) {
            return false;
        }
        byte[] magic = new byte[4];
        object.readFully(object.size() - 4, magic, 0, 4);
        return Arrays.equals(magic, MAGIC);
    }

    /**
     * @throws IllegalArgumentException when the object is not a Parquet file ("no PAR1 magic"), is encrypted,
     *                                  or its footer is corrupt
     * @throws UncheckedIOException     naming an object that cannot be read
     */
    static PartFooter read(InputObject object) {
        long size = object.size();
        if (size < 12) {
            throw notParquet(object, "only " + size + " bytes");
        }
        // The last 8 bytes (the footer's length and the magic), then the footer itself: two small reads that
        // fetch no byte twice (a larger tail read would fetch the end of the last column chunk again).
        byte[] tail = new byte[8];
        object.readFully(size - 8, tail, 0, 8);
        byte[] magic = Arrays.copyOfRange(tail, 4, 8);
        if (Arrays.equals(magic, ENCRYPTED_MAGIC)) {
            throw new IllegalArgumentException(object.name() + " is an encrypted Parquet file, which this reader "
                    + "does not read: write it without encryption");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw notParquet(object, "no PAR1 magic");
        }
        int length = (tail[0] & 0xFF) | (tail[1] & 0xFF) << 8 | (tail[2] & 0xFF) << 16 | (tail[3] & 0xFF) << 24;
        if (length <= 0 || length > size - 12) {
            throw new IllegalArgumentException(object.name() + " is not a readable Parquet file: its footer length "
                    + length + " does not fit its " + size + " bytes (a truncated or corrupt file)");
        }
        byte[] footer = new byte[length];
        object.readFully(size - 8 - length, footer, 0, length);
        try {
            return convert(Util.readFileMetaData(new ByteArrayInputStream(footer)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(object.name() + " is not a readable Parquet file: its footer does "
                    + "not decode (" + e.getMessage() + ")", e);
        }
    }

    /** The top-level fields (groups are fields, their children skipped) and the row groups' chunks. */
    private static PartFooter convert(FileMetaData meta) {
        List<SchemaElement> elements = meta.getSchema();
        List<ParquetColumn> fields = new ArrayList<>();
        int top = elements.get(0).getNum_children();
        int i = 1;
        for (int f = 0; f < top; f++) {
            SchemaElement e = elements.get(i);
            if (e.isSetNum_children() && e.getNum_children() > 0) {
                fields.add(ParquetColumn.group(e));
                i = skipSubtree(elements, i);
            } else {
                fields.add(ParquetColumn.primitive(e));
                i++;
            }
        }
        List<PartFooter.RowGroupMeta> groups = new ArrayList<>();
        for (RowGroup g : meta.getRow_groups()) {
            Map<String, PartFooter.ChunkMeta> chunks = new HashMap<>();
            for (ColumnChunk chunk : g.getColumns()) {
                ColumnMetaData c = chunk.getMeta_data();
                if (c == null) {
                    throw new IllegalArgumentException("a column chunk without metadata (an encrypted column)");
                }
                if (c.getPath_in_schema().size() == 1) {
                    // The dictionary page, when there is one, comes first; some writers set its offset to 0.
                    long start = c.isSetDictionary_page_offset() && c.getDictionary_page_offset() > 0
                            && c.getDictionary_page_offset() < c.getData_page_offset()
                            ? c.getDictionary_page_offset() : c.getData_page_offset();
                    chunks.put(c.getPath_in_schema().get(0), new PartFooter.ChunkMeta(start,
                            c.getTotal_compressed_size(), c.getNum_values(),
                            CompressionCodecName.valueOf(c.getCodec().name())));
                }
            }
            groups.add(new PartFooter.RowGroupMeta(g.getNum_rows(), chunks));
        }
        return new PartFooter(fields, groups, meta.isSetCreated_by() ? meta.getCreated_by() : "");
    }

    /** The index after the subtree of the group at {@code i}. */
    private static int skipSubtree(List<SchemaElement> elements, int i) {
        int children = elements.get(i).isSetNum_children() ? elements.get(i).getNum_children() : 0;
        i++;
        for (int c = 0; c < children; c++) {
            i = skipSubtree(elements, i);
        }
        return i;
    }

    private static IllegalArgumentException notParquet(InputObject object, String why) {
        return new IllegalArgumentException("not a Parquet file: " + object.name() + " (" + why + ")");
    }
}
