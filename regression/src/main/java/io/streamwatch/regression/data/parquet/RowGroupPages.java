package io.streamwatch.regression.data.parquet;

import io.streamwatch.regression.store.InputObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The selected column chunks of one row group, each streamed by its own {@link ChunkPages}. One thread. */
final class RowGroupPages implements AutoCloseable {

    private final long rows;
    private final Map<String, ChunkPages> chunks = new HashMap<>();

    /** Opens one ranged read per selected column chunk. */
    RowGroupPages(InputObject object, PartFooter.RowGroupMeta rowGroup, List<String> columns) {
        this.rows = rowGroup.rows();
        try {
            for (String column : columns) {
                PartFooter.ChunkMeta chunk = rowGroup.chunks().get(column);
                if (chunk == null) {
                    throw new IllegalArgumentException(object.name() + " has no column chunk for '" + column
                            + "' in a row group: a corrupt file");
                }
                chunks.put(column, new ChunkPages(object, chunk, object.name() + ", column " + column));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    ChunkPages chunk(String column) {
        return chunks.get(column);
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() {
        UncheckedIOException failed = null;
        for (ChunkPages chunk : chunks.values()) {
            try {
                chunk.close();
            } catch (IOException e) {
                failed = new UncheckedIOException("cannot close a column chunk: " + e.getMessage(), e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
