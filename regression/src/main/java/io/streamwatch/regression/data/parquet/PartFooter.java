package io.streamwatch.regression.data.parquet;

import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * What a scan needs of one part's footer: its top-level fields in file order, its row groups, its writer.
 *
 * @param createdBy the writer ("parquet-cpp-arrow version 17.0.0"): the column readers correct for known
 *                  bugs of some writers by it
 */
record PartFooter(List<ParquetColumn> fields, List<RowGroupMeta> rowGroups, String createdBy) {

    PartFooter {
        fields = List.copyOf(fields);
        rowGroups = List.copyOf(rowGroups);
    }

    /** A row group: its rows and its top-level columns' chunks by name. */
    record RowGroupMeta(long rows, Map<String, ChunkMeta> chunks) {
        RowGroupMeta {
            chunks = Map.copyOf(chunks);
        }
    }

    /**
     * A column chunk: its bytes {@code [start, start + length)} (dictionary page first, if any), its values,
     * its codec.
     */
    record ChunkMeta(long start, long length, long values, CompressionCodecName codec) {
    }
}
