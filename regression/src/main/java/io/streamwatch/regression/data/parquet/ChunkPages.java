package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.store.InputObject;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The pages of one column chunk, streamed from one ranged read of the chunk: each page is read,
 * decompressed and handed to Parquet's column reader when it asks for it, so a chunk costs one page of
 * memory, not its whole size. One thread.
 */
final class ChunkPages implements PageReader, Closeable {

    private static final int BUFFER = 64 << 10;

    private final String where;
    private final CompressionCodecName codec;
    private final long totalValues;
    private final InputStream in;
    private long valuesRead;
    private DictionaryPage dictionary;
    /** A data page read while looking for the dictionary, not yet handed out. */
    private DataPage pending;

    ChunkPages(InputObject object, PartFooter.ChunkMeta chunk, String where) {
        this.where = where;
        this.codec = chunk.codec();
        this.totalValues = chunk.values();
        this.in = new BufferedInputStream(object.open(chunk.start(), chunk.start() + chunk.length()), BUFFER);
        // The dictionary, if any, is the chunk's first page.
        if (totalValues > 0) {
            Object first = next();
            if (first instanceof DictionaryPage d) {
                dictionary = d;
            } else {
                pending = (DataPage) first;
            }
        }
    }

    @Override
    public DictionaryPage readDictionaryPage() {
        return dictionary;
    }

    @Override
    public long getTotalValueCount() {
        return totalValues;
    }

    @Override
    public DataPage readPage() {
        if (pending != null) {
            DataPage page = pending;
            pending = null;
            return page;
        }
        if (valuesRead >= totalValues) {
            return null;
        }
        Object page = next();
        if (!(page instanceof DataPage data)) {
            throw new IllegalStateException(where + ": a second dictionary page in a column chunk");
        }
        return data;
    }

    /** The next dictionary or data page; index pages are skipped. */
    private Object next() {
        try {
            while (true) {
                PageHeader header = Util.readPageHeader(in);
                int compressed = header.getCompressed_page_size();
                int size = header.getUncompressed_page_size();
                switch (header.getType()) {
                    case DICTIONARY_PAGE -> {
                        byte[] bytes = Decompressors.decompress(codec, in.readNBytes(compressed), size);
                        return new DictionaryPage(BytesInput.from(bytes), header.getDictionary_page_header()
                                .getNum_values(), encoding(header.getDictionary_page_header().getEncoding()));
                    }
                    case DATA_PAGE -> {
                        DataPageHeader h = header.getData_page_header();
                        byte[] bytes = Decompressors.decompress(codec, in.readNBytes(compressed), size);
                        valuesRead += h.getNum_values();
                        return new DataPageV1(BytesInput.from(bytes), h.getNum_values(), size, null,
                                encoding(h.getRepetition_level_encoding()), encoding(h.getDefinition_level_encoding()),
                                encoding(h.getEncoding()));
                    }
                    case DATA_PAGE_V2 -> {
                        DataPageHeaderV2 h = header.getData_page_header_v2();
                        // Levels are never compressed in a V2 page; the values are unless it says otherwise.
                        byte[] repetition = in.readNBytes(h.getRepetition_levels_byte_length());
                        byte[] definition = in.readNBytes(h.getDefinition_levels_byte_length());
                        int dataCompressed = compressed - repetition.length - definition.length;
                        int dataSize = size - repetition.length - definition.length;
                        byte[] data = in.readNBytes(dataCompressed);
                        if (!h.isSetIs_compressed() || h.isIs_compressed()) {
                            data = Decompressors.decompress(codec, data, dataSize);
                        }
                        valuesRead += h.getNum_values();
                        return DataPageV2.uncompressed(h.getNum_rows(), h.getNum_nulls(), h.getNum_values(),
                                BytesInput.from(repetition), BytesInput.from(definition), encoding(h.getEncoding()),
                                BytesInput.from(data), null);
                    }
                    default -> in.skipNBytes(compressed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": " + e.getMessage(), e);
        }
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        return Encoding.valueOf(e.name());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
