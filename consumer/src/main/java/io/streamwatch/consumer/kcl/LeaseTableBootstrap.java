package io.streamwatch.consumer.kcl;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.leases.HierarchicalShardSyncer;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.LeaseManagementFactory;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.metrics.MetricsUtil;
import software.amazon.kinesis.metrics.NullMetricsFactory;

/**
 * Fills an empty lease table before the scheduler starts, with the KCL's own shard syncer (the code its
 * leader runs). Only used with the {@code local} tuning: on an empty lease table the KCL scheduler first
 * sleeps a random 1-30 s (a fixed constant, meant to spread many workers starting together), which
 * dominates start-up on emulators and in tests. With the leases in place it starts at once.
 */
final class LeaseTableBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseTableBootstrap.class);

    private LeaseTableBootstrap() {
    }

    static void createLeases(LeaseManagementConfig config, String stream, InitialPositionInStreamExtended initial) {
        long started = System.nanoTime();
        LeaseManagementFactory factory = config.leaseManagementFactory(new DynamoDBLeaseSerializer(), false);
        DynamoDBLeaseRefresher leases = factory.createLeaseRefresher();
        try {
            leases.createLeaseTableIfNotExists();
            if (!leases.waitUntilLeaseTableExists(100, Duration.ofMinutes(1).getSeconds())) {
                throw new IllegalStateException("lease table " + config.tableName() + " did not become active");
            }
            if (!leases.isLeaseTableEmpty()) {
                return;
            }
            StreamConfig streamConfig = new StreamConfig(StreamIdentifier.singleStreamInstance(stream), initial);
            new HierarchicalShardSyncer().checkAndCreateLeaseForNewShards(factory.createShardDetector(streamConfig),
                    leases, initial, MetricsUtil.createMetricsWithOperation(new NullMetricsFactory(), "Bootstrap"),
                    false, true);
            LOG.info("Created leases for stream {} in {} ms", stream, (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating leases", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the KCL leases for stream " + stream + " in table "
                    + config.tableName() + ": " + e.getMessage(), e);
        }
    }
}
