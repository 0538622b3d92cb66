package io.streamwatch.consumer.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What processing one batch (or a final flush) did.
 *
 * @param accepted   records of the batch that decoded
 * @param rejected   records of the batch that did not decode, with their reasons
 * @param flushed    windows written to the sink, oldest first
 * @param checkpoint the position that may now be checkpointed, if it moved forward
 */
public record BatchOutcome(
        int accepted,
        List<WindowEntry.Rejected> rejected,
        List<FlushedWindow> flushed,
        Optional<RecordPosition> checkpoint) {

    public BatchOutcome {
        rejected = List.copyOf(rejected);
        flushed = List.copyOf(flushed);
    }

    /** A window that was written, and how long its writes took. */
    public record FlushedWindow(WindowFlush flush, Duration writeTime) {
    }
}
