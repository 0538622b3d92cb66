package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.config.ConsumerSettings;
import io.streamwatch.consumer.config.RetrievalMode;
import io.streamwatch.consumer.status.ShardTasks;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Builds the KCL {@link Scheduler} from the settings: the lease table made ready first
 * ({@link LeaseTableBootstrap}), the fixed starting position ({@link StartingPosition}), polling or
 * fan-out retrieval, the timings of {@code --kcl-tuning}, and the task listener that tells the health check
 * about shards that cannot start. Not thread-safe; used once at start-up.
 */
final class KclSchedulerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(KclSchedulerFactory.class);

    private final ConsumerSettings settings;
    private final String workerId;

    KclSchedulerFactory(ConsumerSettings settings, String workerId) {
        this.settings = settings;
        this.workerId = workerId;
    }

    /**
     * @throws IllegalStateException naming the lease table if it cannot be created or described
     */
    Scheduler create(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb, CloudWatchAsyncClient cloudWatch,
                     ShardRecordProcessorFactory processors, ShardTasks tasks) {
        ConfigsBuilder bootstrapConfigs = configs(kinesis, dynamoDb, cloudWatch, processors,
                InitialPositionInStreamExtended.newInitialPosition(
                        software.amazon.kinesis.common.InitialPositionInStream.TRIM_HORIZON));
        LeaseTableBootstrap.createTable(bootstrapConfigs.leaseManagementConfig());
        InitialPositionInStreamExtended initial = StartingPosition.of(settings.initialPosition(),
                leaseTableCreated(dynamoDb));
        LOG.info("New shard leases start at {}{}", initial.getInitialPositionInStream(),
                initial.getTimestamp() == null ? "" : " " + initial.getTimestamp().toInstant() + " (LATEST as of "
                        + "the application's first start, the lease table's creation: a worker that takes over a "
                        + "lease before its first checkpoint reads again what its predecessor did not write)");
        ConfigsBuilder configs = configs(kinesis, dynamoDb, cloudWatch, processors, initial);
        var tuning = settings.kcl();
        PollingConfig polling = new PollingConfig(settings.streamName(), kinesis)
                .idleTimeBetweenReadsInMillis(tuning.pollInterval().toMillis())
                .maxRecords(tuning.maxRecordsPerPoll());
        var leaseConfig = configs.leaseManagementConfig()
                .failoverTimeMillis(tuning.failoverTime().toMillis())
                .shardSyncIntervalMillis(tuning.shardSyncInterval().toMillis())
                .leasesRecoveryAuditorExecutionFrequencyMillis(tuning.shardSyncInterval().toMillis())
                // Child leases come from GetRecords' childShards, so after a reshard the children are not in
                // the shard detector's cache; while they miss, the KCL's hash-range filter for KPL records
                // re-routed by the reshard is off (possible duplicates) and every poll logs a WARN. Reload
                // the cache on the first miss (one ListShards per new shard) instead of the 1,001st.
                .maxCacheMissesBeforeReload(0)
                .initialPositionInStream(initial);
        if (tuning.bootstrapLeases()) {
            LeaseTableBootstrap.createLeases(leaseConfig, settings.streamName(), initial);
        }
        return new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig()
                        .parentShardPollIntervalMillis(tuning.schedulerBackoff().toMillis())
                        .schedulerInitializationBackoffTimeMillis(tuning.schedulerBackoff().toMillis())
                        .shardConsumerDispatchPollIntervalMillis(Math.min(1000, tuning.schedulerBackoff().toMillis())),
                leaseConfig,
                configs.lifecycleConfig().taskBackoffTimeMillis(Math.min(500, tuning.schedulerBackoff().toMillis()))
                        .taskExecutionListener(new KclTaskListener(tasks)),
                configs.metricsConfig().metricsLevel(MetricsLevel.valueOf(settings.metrics().kclLevel())),
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true),
                configs.retrievalConfig().retrievalSpecificConfig(settings.retrieval() == RetrievalMode.FANOUT
                        ? new FanOutConfig(kinesis).streamName(settings.streamName())
                                .applicationName(settings.applicationName())
                        : polling));
    }

    private ConfigsBuilder configs(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamoDb,
                                   CloudWatchAsyncClient cloudWatch, ShardRecordProcessorFactory processors,
                                   InitialPositionInStreamExtended initial) {
        return new ConfigsBuilder(new SingleStreamTracker(settings.streamName(), initial),
                settings.applicationName(), kinesis, dynamoDb, cloudWatch, workerId, processors);
    }

    private Instant leaseTableCreated(DynamoDbAsyncClient dynamoDb) {
        try {
            return dynamoDb.describeTable(b -> b.tableName(settings.applicationName())).join().table()
                    .creationDateTime();
        } catch (CompletionException e) {
            throw new IllegalStateException("could not describe the KCL lease table " + settings.applicationName()
                    + " to fix the starting position: " + e.getCause(), e.getCause());
        }
    }
}
