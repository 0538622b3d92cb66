package io.streamwatch.consumer.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.pipeline.PipelineState;
import io.streamwatch.consumer.window.ShardWindows;
import io.streamwatch.consumer.window.WindowBounds;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerStatusTest {

    private final AtomicLong now = new AtomicLong(1_764_590_400_000L); // 2025-12-01T12:00:00Z
    private final WorkerStatus status = new WorkerStatus("host:1", now::get, () -> "running");

    @Test
    void aShardsBatchesCheckpointsAndFlushesAreWhatTheSnapshotShows() {
        status.shardStarted("shardId-000000000000", "TRIM_HORIZON");
        PipelineState state = new PipelineState(now.get() - 2_000, List.of(new ShardWindows.OpenWindowSummary(
                new WindowBounds(now.get() - 10_000, now.get() + 10_000), 120, 7)), 1, 150, 123_456);
        status.batch("shardId-000000000000", 150, Optional.of(0L), state);
        status.checkpointed("shardId-000000000000", "4959/0");
        status.flushed("shardId-000000000000", new WindowBounds(now.get() - 30_000, now.get() - 10_000), 30, 2,
                List.of(new WorkerStatus.Anomaly("shardId-000000000000", "Rosa", new BigDecimal("547"), "OK", now.get())));
        status.rejected("name is empty");
        status.rejected("name is empty");

        WorkerStatus.Snapshot snapshot = status.snapshot();

        assertThat(snapshot.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.received()).isEqualTo(150);
            assertThat(shard.lastCheckpoint()).hasValueSatisfying(c -> assertThat(c.position()).isEqualTo("4959/0"));
            assertThat(shard.state()).isEqualTo(state);
            assertThat(shard.recordsPerSecond()[RateHistory.BUCKETS - 1]).as("150 records in the bucket's first second")
                    .isEqualTo(150.0);
        });
        assertThat(snapshot.rejectionReasons()).containsEntry("name is empty", 2L);
        String json = StatusJson.render(snapshot);
        assertThat(json).contains("\"scheduler\":\"running\"").contains("\"records\":120,\"anomalies\":7")
                .contains("\"windowsBeingWritten\":1").contains("\"name\":\"Rosa\",\"temperature\":547")
                .contains("\"name is empty\":2").contains("\"millisBehindLatest\":0");
    }

    @Test
    void onlyTheHottestAnomaliesOfTheLastTenMinutesAreKept() {
        status.shardStarted("s", "TRIM_HORIZON");
        status.flushed("s", new WindowBounds(0, 20_000), 1, 1, List.of(anomaly("Old", "999", now.get())));
        now.addAndGet(WorkerStatus.ANOMALY_HORIZON_MILLIS + 1);
        status.flushed("s", new WindowBounds(20_000, 40_000), 7, 7, List.of(anomaly("A", "101", now.get()),
                anomaly("B", "300.5", now.get()), anomaly("C", "200", now.get()), anomaly("D", "150", now.get()),
                anomaly("E", "120", now.get()), anomaly("F", "110", now.get())));

        assertThat(status.snapshot().hottestAnomalies()).extracting(WorkerStatus.Anomaly::name)
                .containsExactly("B", "C", "D", "E", "F");
    }

    @Test
    void jsonStringsAreEscapedSoNoReasonOrNameCanBreakThePage() {
        assertThat(StatusJson.string(new StringBuilder(), "a\"b\\c\n</script>").toString())
                .isEqualTo("\"a\\\"b\\\\c\\n\\u003c/script>\"");
    }

    private static WorkerStatus.Anomaly anomaly(String name, String temperature, long seen) {
        return new WorkerStatus.Anomaly("s", name, new BigDecimal(temperature), "OK", seen);
    }
}
