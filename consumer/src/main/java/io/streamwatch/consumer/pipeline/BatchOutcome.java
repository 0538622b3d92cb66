package io.streamwatch.consumer.pipeline;

import io.streamwatch.consumer.window.WindowBounds;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What processing one batch (or a final flush) did.
 *
 * @param accepted   records of the batch that decoded
 * @param rejected   records of the batch that did not decode, with their reasons
 * @param flushed    windows whose writes completed since the last outcome, in the order they completed
 * @param failed     windows whose writes failed since the last outcome; they stay buffered and are
 *                   written again with the next batch
 * @param checkpoint       from a step: the position that may now be checkpointed, if it moved forward; from
 *                         {@link ShardPipeline#handle} and {@link ShardPipeline#drain}: the position the
 *                         checkpointer stored during the call, if any
 * @param backpressureWait how long the call waited for windows to be written before reading on
 */
public record BatchOutcome(
        int accepted,
        List<WindowEntry.Rejected> rejected,
        List<FlushedWindow> flushed,
        List<FailedWindow> failed,
        Optional<RecordPosition> checkpoint,
        Duration backpressureWait) {

    public BatchOutcome {
        rejected = List.copyOf(rejected);
        flushed = List.copyOf(flushed);
        failed = List.copyOf(failed);
    }

    /** A step's outcome, which waited for nothing. */
    public BatchOutcome(int accepted, List<WindowEntry.Rejected> rejected, List<FlushedWindow> flushed,
                        List<FailedWindow> failed, Optional<RecordPosition> checkpoint) {
        this(accepted, rejected, flushed, failed, checkpoint, Duration.ZERO);
    }

    /**
     * A window that was written.
     *
     * @param writeTime from handing the window to the sink to its last item written, queueing included
     */
    public record FlushedWindow(WindowFlush flush, Duration writeTime) {
    }

    /** A window whose writes did not all complete, and why. */
    public record FailedWindow(WindowBounds bounds, int records, SinkException cause) {
    }
}
