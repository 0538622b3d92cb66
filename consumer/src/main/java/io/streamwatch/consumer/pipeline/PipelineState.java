package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.window.ShardWindows;
import java.util.List;

/**
 * One shard's pipeline at a glance, an immutable copy for another thread to read.
 *
 * @param watermarkMillis     windows ending (plus grace) at or before this are closed; {@code Long.MIN_VALUE}
 *                            before the first batch
 * @param openWindows         earliest first; {@code flagged} counts the anomalies so far
 * @param windowsBeingWritten closed windows whose writes are running
 * @param bufferedRecords     records not yet written
 * @param bufferedBytes       the heap those records hold, as the memory budget counts it
 */
public record PipelineState(long watermarkMillis, List<ShardWindows.OpenWindowSummary> openWindows,
                            int windowsBeingWritten, int bufferedRecords, long bufferedBytes) {
    /** Before the first batch. */
    public static final PipelineState EMPTY = new PipelineState(Long.MIN_VALUE, List.of(), 0, 0, 0);

    public PipelineState {
        openWindows = List.copyOf(openWindows);
    }
}
