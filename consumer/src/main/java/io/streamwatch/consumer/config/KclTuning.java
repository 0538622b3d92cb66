package io.streamwatch.consumer.config;

import java.time.Duration;

/**
 * The KCL timings that decide how fast a worker starts and takes over a dead worker's shards.
 * {@link #AWS} keeps KCL's defaults; {@link #LOCAL} shortens them for emulators and tests, where a fresh
 * lease table would otherwise wait tens of seconds before the first record (see README, "Start-up").
 *
 * @param failoverTime       a lease not renewed for this long is taken over by another worker
 * @param shardSyncInterval  how often the leader reconciles shards with leases
 * @param pollInterval       idle time between GetRecords calls per shard
 * @param maxRecordsPerPoll  GetRecords limit
 * @param schedulerBackoff   wait between scheduler initialisation attempts and lease-table polls
 * @param bootstrapLeases    create the leases before the scheduler starts, skipping KCL's random 1-30 s
 *                           wait on an empty lease table (a single local worker has no one to wait for)
 */
public record KclTuning(Duration failoverTime, Duration shardSyncInterval, Duration pollInterval,
                        int maxRecordsPerPoll, Duration schedulerBackoff, boolean bootstrapLeases) {

    public static final KclTuning AWS =
            new KclTuning(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(1), 10_000,
                    Duration.ofSeconds(1), false);
    public static final KclTuning LOCAL =
            new KclTuning(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200), 10_000,
                    Duration.ofMillis(200), true);
}
