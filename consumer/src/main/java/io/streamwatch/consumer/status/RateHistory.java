package io.streamwatch.consumer.status;

/**
 * Records per second over the last few minutes, in fixed buckets: a ring that the shard's own thread
 * fills and a copy for the page. Not thread-safe; {@link WorkerStatus} copies it under its lock.
 */
final class RateHistory {

    static final int BUCKETS = 30;
    static final long BUCKET_MILLIS = 10_000;

    private final long[] counts = new long[BUCKETS];
    private long newestBucket = Long.MIN_VALUE;

    void add(long nowMillis, int records) {
        long bucket = Math.floorDiv(nowMillis, BUCKET_MILLIS);
        advanceTo(bucket);
        counts[(int) Math.floorMod(bucket, (long) BUCKETS)] += records;
    }

    /** Records per second in each bucket, oldest first, the last one the bucket in progress. */
    double[] perSecond(long nowMillis) {
        advanceTo(Math.floorDiv(nowMillis, BUCKET_MILLIS));
        double[] rates = new double[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            long bucket = newestBucket - (BUCKETS - 1) + i;
            rates[i] = counts[(int) Math.floorMod(bucket, (long) BUCKETS)] * 1000.0 / BUCKET_MILLIS;
        }
        // The bucket in progress: over the time it has run (at least a second), not over its full length.
        long elapsed = Math.max(1_000, nowMillis - newestBucket * BUCKET_MILLIS);
        rates[BUCKETS - 1] = counts[(int) Math.floorMod(newestBucket, (long) BUCKETS)] * 1000.0
                / Math.min(BUCKET_MILLIS, elapsed);
        return rates;
    }

    private void advanceTo(long bucket) {
        if (newestBucket == Long.MIN_VALUE) {
            newestBucket = bucket;
            return;
        }
        for (long b = newestBucket + 1; b <= bucket && b <= newestBucket + BUCKETS; b++) {
            counts[(int) Math.floorMod(b, (long) BUCKETS)] = 0;
        }
        newestBucket = Math.max(newestBucket, bucket);
    }
}
