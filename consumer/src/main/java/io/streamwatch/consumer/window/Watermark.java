package io.streamwatch.consumer.window;

import java.util.OptionalLong;

/**
 * How a shard's watermark (the arrival time up to which it has been read) follows each batch.
 *
 * <ul>
 *   <li>A non-empty batch moves it to the newest arrival timestamp in the batch. A consumer that is
 *       catching up (after a restart, or reading from TRIM_HORIZON) therefore closes windows at the pace
 *       of the data, not of the wall clock, and a replay closes the same windows.</li>
 *   <li>An empty batch means the shard is read to its tip, so nothing older than
 *       {@code now - millisBehindLatest} can still arrive: the watermark moves there. This is what
 *       closes windows on time when producers go quiet.</li>
 * </ul>
 */
public final class Watermark {

    private Watermark() {
    }

    /**
     * @param newestArrivalInBatch newest arrival timestamp of the batch's records, empty for an empty batch
     * @param nowMillis            the local clock
     * @param millisBehindLatest   what Kinesis reported for the batch (0 when unknown)
     * @return the watermark candidate for this batch
     */
    public static long afterBatch(OptionalLong newestArrivalInBatch, long nowMillis, long millisBehindLatest) {
        if (newestArrivalInBatch.isPresent()) {
            return newestArrivalInBatch.getAsLong();
        }
        return nowMillis - Math.max(0, millisBehindLatest);
    }
}
