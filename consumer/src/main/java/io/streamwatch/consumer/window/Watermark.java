package io.streamwatch.consumer.window;

import java.util.OptionalLong;

/**
 * How a shard's watermark (the arrival time up to which it has been read) follows each batch.
 *
 * <ul>
 *   <li>A batch of records moves it to the newest arrival timestamp in the batch. A consumer that is
 *       catching up (after a restart, or reading from TRIM_HORIZON) therefore closes windows at the pace
 *       of the data, not of the wall clock.</li>
 *   <li>A batch that reaches the shard's tip ({@code millisBehindLatest} 0) means nothing older than now
 *       can still arrive: the watermark moves to the clock. This closes windows on time when producers go
 *       quiet, and closes the last window of a backlog as soon as the backlog is read rather than one poll
 *       later.</li>
 *   <li>An empty batch behind the tip moves it to {@code now - millisBehindLatest}.</li>
 * </ul>
 *
 * <p>Which window a record belongs to never depends on this: only when the window is flushed does.
 */
public final class Watermark {

    private Watermark() {
    }

    /**
     * @param newestArrivalInBatch newest arrival timestamp of the batch's records, empty for an empty batch
     * @param nowMillis            the local clock
     * @param millisBehindLatest   what Kinesis reported for the batch; empty if it did not say, which
     *                             for a batch of records means "not known to be at the tip"
     * @return the watermark candidate for this batch
     */
    public static long afterBatch(OptionalLong newestArrivalInBatch, long nowMillis, OptionalLong millisBehindLatest) {
        if (newestArrivalInBatch.isPresent()) {
            boolean atTip = millisBehindLatest.isPresent() && millisBehindLatest.getAsLong() <= 0;
            return atTip ? Math.max(newestArrivalInBatch.getAsLong(), nowMillis) : newestArrivalInBatch.getAsLong();
        }
        return nowMillis - Math.max(0, millisBehindLatest.orElse(0));
    }
}
