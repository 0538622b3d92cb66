package io.streamwatch.consumer.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** /health fails only when a new task would help; everything a new task would meet again is 200 degraded. */
class WorkerHealthTest {

    private final AtomicLong now = new AtomicLong(1);
    private final WorkerActivity activity = new WorkerActivity(now::get);
    private final ShardTasks tasks = new ShardTasks(now::get);
    private final FailureStreak leaseTable = new FailureStreak(now::get, Duration.ofSeconds(5));
    private final FailureStreak kinesis = new FailureStreak(now::get, Duration.ofSeconds(5));
    private final AtomicReference<Optional<String>> writes = new AtomicReference<>(Optional.empty());
    private final AtomicReference<OptionalInt> openShards = new AtomicReference<>(OptionalInt.of(2));
    private final WorkerHealth health = new WorkerHealth(new WorkerHealth.Sources(activity, tasks, writes::get,
            leaseTable, kinesis, openShards::get, Duration.ofSeconds(60)));

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private WorkerHealth.Verdict check() {
        return health.check(Optional.empty(), true);
    }

    @Test
    void aWorkerReadingItsShardsIsOk() {
        activity.started("shardId-1").callStarted();
        assertThat(check()).isEqualTo(new WorkerHealth.Verdict(true, "ok", java.util.List.of()));
        assertThat(check().text(1)).isEqualTo("ok: 1 shard(s) owned");
    }

    @Test
    void aFaultADeadSchedulerOrAShardStuckInOurCodeAreUnhealthy() {
        assertThat(health.check(Optional.of("table data_dump cannot be written"), true).healthy()).isFalse();
        assertThat(health.check(Optional.empty(), false).text(0)).isEqualTo("KCL scheduler is not running");
        WorkerActivity.Processor p = activity.started("shardId-1");
        p.callStarted();
        later(Duration.ofMinutes(3));
        assertThat(check().healthy()).isFalse();
        assertThat(check().text(1)).contains("stuck in the consumer's code").contains("shardId-1");
    }

    @Test
    void aLongDynamoDbOutageWithTheShardWaitingOnBackpressureStaysDegradedNeverUnhealthy() {
        WorkerActivity.Processor p = activity.started("shardId-1");
        p.behind(0);
        p.callStarted();
        writes.set(Optional.of("DynamoDB writes failing for 360 s (data_dump: throttled)"));
        for (int second = 0; second < 6 * 60; second++) {
            later(Duration.ofSeconds(1));
            p.beat(); // the backpressure wait beats
            p.behind(second * 1000L);
            assertThat(check().healthy()).as("second %d", second).isTrue();
        }
        assertThat(check().status()).isEqualTo("degraded");
        assertThat(check().reasons()).anyMatch(r -> r.startsWith("DynamoDB writes failing"))
                .anyMatch(r -> r.contains("behind the tip with no checkpoint"));
    }

    @Test
    void leaseTableAccessDeniedKinesisErrorsAndHoldingNoLeaseAreDegradedWithTheirReasons() {
        leaseTable.failed("UpdateItem: DynamoDbException: User is not authorized (AccessDeniedException)");
        kinesis.failed("GetRecords: SdkClientException: Connection refused");
        later(Duration.ofSeconds(61));
        WorkerHealth.Verdict verdict = check();
        assertThat(verdict.healthy()).isTrue();
        assertThat(verdict.reasons()).containsExactly(
                "DynamoDB lease table calls failing for 61 s (UpdateItem: DynamoDbException: User is not authorized "
                        + "(AccessDeniedException)); the KCL renews and takes no leases until they succeed",
                "Kinesis calls failing for 61 s (GetRecords: SdkClientException: Connection refused)",
                "no shard lease held for 61 s while the stream has 2 open shard(s)");
    }

    @Test
    void holdingNoLeaseWhenTheStreamHasNoOpenShardIsOk() {
        openShards.set(OptionalInt.of(0));
        later(Duration.ofMinutes(5));
        assertThat(check().status()).isEqualTo("ok");
    }

    @Test
    void aChildWaitingOnItsParentAndAFailingInitialisationAreDegraded() {
        tasks.notStarted("shardId-3", ShardTasks.Waiting.ON_PARENT);
        tasks.notStarted("shardId-4", ShardTasks.Waiting.INITIALISATION_FAILING);
        activity.started("shardId-1");
        later(Duration.ofMinutes(3));
        activity.started("shardId-2").callStarted();
        assertThat(check().reasons()).anyMatch(r -> r.contains("waiting for their parent shards")
                && r.contains("shardId-3 for 180 s")).anyMatch(r -> r.contains("initialisation keeps failing")
                && r.contains("shardId-4"));
        tasks.progressed("shardId-3");
        assertThat(check().reasons()).noneMatch(r -> r.contains("shardId-3"));
    }
}
