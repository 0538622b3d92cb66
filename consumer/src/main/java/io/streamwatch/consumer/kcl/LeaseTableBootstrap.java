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
 * Prepares the KCL lease table before the scheduler starts, with the KCL's own lease refresher and
 * shard syncer (the code its leader runs), configured exactly as the scheduler's.
 * <ul>
 *   <li>{@link #createTable}, always: the scheduler creates a missing lease table too, but then polls
 *       it every 10 s (a constant in {@code DynamoDBLeaseCoordinator}), so a table that is ACTIVE in
 *       50 ms (dynalite) or a few seconds (AWS) costs 10 s of start-up. This polls every 100 ms.</li>
 *   <li>{@link #createLeases}, only with the {@code local} tuning: on an empty lease table the scheduler
 *       first sleeps a random 1-30 s (meant to spread many workers starting together), which dominates
 *       start-up on emulators and in tests. With the leases in place it starts at once.</li>
 * </ul>
 */
final class LeaseTableBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseTableBootstrap.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);

    private LeaseTableBootstrap() {
    }

    /**
     * Creates the lease table if it is missing and waits until it is ACTIVE.
     *
     * @throws IllegalStateException naming the table if it cannot be created or does not become ACTIVE
     */
    static void createTable(LeaseManagementConfig config) {
        DynamoDBLeaseRefresher leases = refresher(config);
        try {
            leases.createLeaseTableIfNotExists();
            long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
            while (!leases.leaseTableExists()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the KCL lease table " + config.tableName()
                            + " did not become ACTIVE within " + CREATE_TIMEOUT);
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
            // Returns at once now; runs the KCL's post-creation actions if this call created the table.
            leases.waitUntilLeaseTableExists(1, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for lease table " + config.tableName(), e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not create the KCL lease table " + config.tableName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Fills an empty, existing lease table with the leases of the stream's shards. */
    static void createLeases(LeaseManagementConfig config, String stream, InitialPositionInStreamExtended initial) {
        long started = System.nanoTime();
        LeaseManagementFactory factory = factory(config);
        DynamoDBLeaseRefresher leases = factory.createLeaseRefresher();
        try {
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

    private static DynamoDBLeaseRefresher refresher(LeaseManagementConfig config) {
        return factory(config).createLeaseRefresher();
    }

    private static LeaseManagementFactory factory(LeaseManagementConfig config) {
        return config.leaseManagementFactory(new DynamoDBLeaseSerializer(), false);
    }
}
