package io.streamwatch.consumer.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerActivityTest {

    private final AtomicLong now = new AtomicLong(1);
    private final WorkerActivity activity = new WorkerActivity(now::get);

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aLeaseLostAndTakenBackIsTwoProcessorsAndTheOldOnesStopLeavesTheNewOne() {
        WorkerActivity.Processor old = activity.started("shardId-1");
        WorkerActivity.Processor taken = activity.started("shardId-1");

        old.stopped();

        assertThat(activity.liveProcessors()).isEqualTo(1);
        assertThat(activity.ownedShards()).isEqualTo(1);
        taken.stopped();
        assertThat(activity.liveProcessors()).isZero();
    }

    @Test
    void aCallThatBeatsIsNotStuckOneThatStopsBeatingIs() {
        WorkerActivity.Processor p = activity.started("shardId-1");
        p.callStarted();
        for (int i = 0; i < 300; i++) {
            later(Duration.ofSeconds(1));
            p.beat();
        }
        assertThat(activity.stuckInCalls(Duration.ofMinutes(2))).isEmpty();
        later(Duration.ofMinutes(3));
        assertThat(activity.stuckInCalls(Duration.ofMinutes(2))).containsExactly("shardId-1");
        assertThat(activity.notCalledFor(Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void aShardTheKclStopsCallingIsNotStuckInOurCodeButNotCalled() {
        WorkerActivity.Processor p = activity.started("shardId-1");
        p.callStarted();
        p.callEnded();
        later(Duration.ofMinutes(3));
        assertThat(activity.stuckInCalls(Duration.ofMinutes(2))).isEmpty();
        assertThat(activity.notCalledFor(Duration.ofMinutes(2))).containsExactly("shardId-1");
    }

    @Test
    void aShardBehindTheTipWhoseCheckpointDoesNotMoveIsStalledOneAtTheTipIsNot() {
        WorkerActivity.Processor behind = activity.started("shardId-1");
        WorkerActivity.Processor idle = activity.started("shardId-2");
        behind.behind(Duration.ofMinutes(10).toMillis());
        idle.behind(0);
        later(Duration.ofMinutes(6));
        assertThat(activity.stalledBehind(Duration.ofMinutes(1), Duration.ofMinutes(5))).containsExactly("shardId-1");
        behind.checkpointed();
        assertThat(activity.stalledBehind(Duration.ofMinutes(1), Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void idleCountsFromTheStartAndFromTheLastShardReleased() {
        later(Duration.ofSeconds(30));
        assertThat(activity.idleFor()).contains(Duration.ofSeconds(30));
        WorkerActivity.Processor p = activity.started("shardId-1");
        assertThat(activity.idleFor()).isEmpty();
        p.stopped();
        later(Duration.ofSeconds(5));
        assertThat(activity.idleFor()).contains(Duration.ofSeconds(5));
    }
}
