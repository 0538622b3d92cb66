package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.logging.RateLimitedLog;
import io.streamwatch.consumer.metrics.ConsumerMetrics;
import io.streamwatch.consumer.pipeline.ShardPipelines;
import io.streamwatch.consumer.sink.Sleeper;
import io.streamwatch.consumer.status.WorkerActivity;
import io.streamwatch.consumer.status.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/** Creates one {@link WindowingRecordProcessor} per shard lease. */
public final class WindowingProcessorFactory implements ShardRecordProcessorFactory {

    private final ShardPipelines pipelines;
    private final ConsumerMetrics metrics;
    private final WorkerActivity activity;
    private final ShutdownDeadline deadline;
    private final WorkerStop workerStop;
    private final WorkerStatus status;
    // Shared by all shards so a malformed flood across shards is limited as a whole.
    private final RateLimitedLog rejectionLog =
            new RateLimitedLog(LoggerFactory.getLogger("io.streamwatch.consumer.rejected"), 10, Duration.ofMinutes(1));

    public WindowingProcessorFactory(ShardPipelines pipelines, ConsumerMetrics metrics,
                                     WorkerActivity activity, ShutdownDeadline deadline, WorkerStop workerStop,
                                     WorkerStatus status) {
        this.pipelines = pipelines;
        this.metrics = metrics;
        this.activity = activity;
        this.deadline = deadline;
        this.workerStop = workerStop;
        this.status = status;
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new WindowingRecordProcessor(pipelines, metrics, rejectionLog, activity, Clock.systemUTC(), deadline,
                workerStop, Sleeper.REAL, status);
    }
}
