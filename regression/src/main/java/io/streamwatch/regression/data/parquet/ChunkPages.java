package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.store.InputObject;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The pages of one column chunk, streamed from one ranged read of the chunk: each data page is read and
 * decompressed when the decoder asks for the next, into a buffer reused from page to page, so a chunk costs
 * about one page of memory, not its whole size. One thread.
 */
final class ChunkPages implements Closeable {

    private static final int BUFFER = 64 << 10;
    /**
     * Compressed page bytes, one buffer per reader thread: a page is decompressed as soon as it is read, so
     * the columns of a row group share it (only the decompressed pages are per column).
     */
    private static final ThreadLocal<byte[][]> COMPRESSED = ThreadLocal.withInitial(() -> new byte[][] {new byte[0]});

    /**
     * A decompressed data page. V1 pages hold their levels and values in {@code bytes}; V2 pages their values
     * only, the definition levels apart ({@code definitionLevels}, RLE without a length prefix).
     *
     * @param bytes  valid in {@code [0, length)}, until the next page is read
     */
    record DataPage(int valueCount, Encoding definitionEncoding, Encoding valueEncoding, byte[] bytes, int length,
                    Optional<byte[]> definitionLevels) {
    }

    private final String where;
    private final CompressionCodecName codec;
    private final long totalValues;
    private final InputStream in;
    private long valuesRead;
    private final Optional<DictionaryPage> dictionary;
    /** A data page read while looking for the dictionary, not yet handed out. */
    private DataPage pending;
    private byte[] page = new byte[0];

    ChunkPages(InputObject object, PartFooter.ChunkMeta chunk, String where) {
        this.where = where;
        this.codec = chunk.codec();
        this.totalValues = chunk.values();
        this.in = new BufferedInputStream(object.open(chunk.start(), chunk.start() + chunk.length()), BUFFER);
        // The dictionary, if any, is the chunk's first page.
        Optional<DictionaryPage> found = Optional.empty();
        if (totalValues > 0) {
            Object first = next();
            if (first instanceof DictionaryPage d) {
                found = Optional.of(d);
            } else {
                pending = (DataPage) first;
            }
        }
        this.dictionary = found;
    }

    String where() {
        return where;
    }

    Optional<DictionaryPage> dictionary() {
        return dictionary;
    }

    /**
     * The next data page, its bytes valid until the next call.
     *
     * @throws IllegalStateException when the chunk has no more pages than its metadata says
     */
    DataPage nextPage() {
        if (pending != null) {
            DataPage p = pending;
            pending = null;
            return p;
        }
        if (valuesRead >= totalValues) {
            throw new IllegalStateException(where + ": the column chunk ends before its " + totalValues + " values");
        }
        Object next = next();
        if (!(next instanceof DataPage data)) {
            throw new IllegalStateException(where + ": a second dictionary page in a column chunk");
        }
        return data;
    }

    /** The next dictionary or data page; index pages are skipped. */
    private Object next() {
        try {
            while (true) {
                PageHeader header = Util.readPageHeader(in);
                int size = header.getUncompressed_page_size();
                int stored = header.getCompressed_page_size();
                switch (header.getType()) {
                    case DICTIONARY_PAGE -> {
                        // Kept for the whole chunk: its own copy.
                        byte[] bytes = Decompressors.decompress(codec, in.readNBytes(stored), size);
                        return new DictionaryPage(BytesInput.from(bytes), header.getDictionary_page_header()
                                .getNum_values(), encoding(header.getDictionary_page_header().getEncoding()));
                    }
                    case DATA_PAGE -> {
                        DataPageHeader h = header.getData_page_header();
                        int n = read(stored, size, true);
                        valuesRead += h.getNum_values();
                        return new DataPage(h.getNum_values(), encoding(h.getDefinition_level_encoding()),
                                encoding(h.getEncoding()), page, n, Optional.empty());
                    }
                    case DATA_PAGE_V2 -> {
                        DataPageHeaderV2 h = header.getData_page_header_v2();
                        // Levels are never compressed in a V2 page; the values are unless it says otherwise.
                        in.skipNBytes(h.getRepetition_levels_byte_length());
                        byte[] definition = in.readNBytes(h.getDefinition_levels_byte_length());
                        int levels = h.getRepetition_levels_byte_length() + definition.length;
                        int n = read(stored - levels, size - levels, !h.isSetIs_compressed() || h.isIs_compressed());
                        valuesRead += h.getNum_values();
                        return new DataPage(h.getNum_values(), Encoding.RLE, encoding(h.getEncoding()), page, n,
                                Optional.of(definition));
                    }
                    default -> in.skipNBytes(stored);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code stored} bytes and decompresses them into {@link #page}; returns the page's length. */
    private int read(int stored, int size, boolean isCompressed) throws IOException {
        if (!isCompressed || codec == CompressionCodecName.UNCOMPRESSED) {
            page = grow(page, stored);
            in.readNBytes(page, 0, stored);
            return stored;
        }
        byte[][] shared = COMPRESSED.get();
        byte[] compressed = shared[0] = grow(shared[0], stored);
        if (in.readNBytes(compressed, 0, stored) < stored) {
            throw new IOException("the column chunk ends inside a page");
        }
        page = grow(page, size);
        Decompressors.decompress(codec, compressed, stored, page, size);
        return size;
    }

    private static byte[] grow(byte[] buffer, int size) {
        return buffer.length >= size ? buffer : new byte[Math.max(size, buffer.length * 3 / 2)];
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        return Encoding.valueOf(e.name());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
