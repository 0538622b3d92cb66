package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole consumer through the real KCL, kinesis-local and dynalite: every Kinesis record ends
 * up as exactly one item, across graceful restarts and crashes.
 */
class ConsumerPipelineIT {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);
    private static LocalEmulators emulators;

    @BeforeAll
    static void startEmulators() throws Exception {
        emulators = LocalEmulators.get();
    }

    @Test
    void everyValidRecordIsStoredOnceAnomaliesAndRejectsInTheirTables() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "exact", 2, 1);
             WorkerProcess worker = WorkerProcess.start(emulators, "exact", fixture.stream, fixture.application,
                     fixture.tablePrefix)) {
            fixture.send(5_000);

            Poll.until("all 5,000 records written", DELIVERY_TIMEOUT, () -> written(fixture, worker), fixture::progress);
            assertThat(worker.stopGracefully(Duration.ofSeconds(30))).as("exit code after SIGTERM").isZero();

            List<Map<String, AttributeValue>> dump = fixture.items("data_dump");
            assertThat(dump).extracting(StreamFixture::reading).containsExactlyInAnyOrderElementsOf(fixture.expectedDump());
            assertThat(fixture.items("data_anomaly")).extracting(StreamFixture::reading)
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedAnomalies());
            List<Map<String, AttributeValue>> rejected = fixture.items("data_rejected");
            assertThat(rejected).extracting(StreamFixture::rejectedText)
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedRejected());
            assertThat(rejected).allSatisfy(item -> assertThat(item.get("reason").s()).isNotBlank());
            assertThat(fixture.expectedRejected().size()).as("about 5 % malformed").isBetween(150, 350);

            // One item per Kinesis record: (shard, sequence number) is unique across dump and dead letters.
            Set<String> origins = new HashSet<>();
            dump.forEach(i -> origins.add(i.get("shardId").s() + "/" + i.get("sequenceNumber").s()));
            rejected.forEach(i -> origins.add(i.get("shardId").s() + "/" + i.get("sequenceNumber").s()));
            assertThat(origins).hasSize(fixture.sentTotal());
            assertThat(dump).extracting(i -> i.get("shardId").s()).containsOnly(
                    "shardId-000000000000", "shardId-000000000001");

            // Each item sits in the window its arrival time names.
            assertThat(dump).allSatisfy(item -> {
                Instant arrival = Instant.parse(item.get("arrivalTime").s());
                assertThat(arrival).isBetween(Instant.parse(item.get("windowStart").s()),
                        Instant.parse(item.get("windowEnd").s()).minusMillis(1));
            });
            assertThat(worker.output()).contains("shutdown requested").contains("Stopped cleanly");
        }
    }

    @Test
    void aGracefulRestartResumesFromTheCheckpoint() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "restart", 2, 2)) {
            fixture.send(1_000);
            try (WorkerProcess first = WorkerProcess.start(emulators, "restart-1", fixture.stream,
                    fixture.application, fixture.tablePrefix)) {
                Poll.until("first 1,000 records written", DELIVERY_TIMEOUT, () -> written(fixture, first),
                        fixture::progress);
                assertThat(first.stopGracefully(Duration.ofSeconds(30))).isZero();
                assertThat(first.recordsFlushed()).isEqualTo(1_000);
            }

            fixture.send(1_000);
            try (WorkerProcess second = WorkerProcess.start(emulators, "restart-2", fixture.stream,
                    fixture.application, fixture.tablePrefix)) {
                Poll.until("all 2,000 records written", DELIVERY_TIMEOUT, () -> written(fixture, second),
                        fixture::progress);
                assertThat(second.stopGracefully(Duration.ofSeconds(30))).isZero();
                // It read only what came after the checkpoint: nothing of the first 1,000 again.
                assertThat(second.recordsFlushed()).isEqualTo(1_000);
            }
            assertThat(fixture.items("data_dump")).extracting(StreamFixture::reading)
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedDump());
            assertThat(fixture.count("data_rejected")).isEqualTo(fixture.expectedRejected().size());
        }
    }

    @Test
    void aKilledWorkersShardsAreReplayedByTheNextWorkerWithoutLossOrDuplicates() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "crash", 2, 3)) {
            try (WorkerProcess doomed = WorkerProcess.start(emulators, "crash-1", fixture.stream,
                    fixture.application, fixture.tablePrefix, "4s")) {
                // Send for a few seconds so windows are both flushed and open when the worker dies.
                CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 8; i++) {
                        fixture.send(250);
                        sleep(Duration.ofMillis(700));
                    }
                });
                Poll.until("a first window flushed", DELIVERY_TIMEOUT, () -> {
                    doomed.assertAlive();
                    return doomed.windowsFlushed() > 0;
                });
                producing.join();
                Poll.until("records buffered in an open window", Duration.ofSeconds(10),
                        () -> fixture.count("data_dump") + fixture.count("data_rejected") < fixture.sentTotal());
                doomed.kill();
            }
            long storedAtCrash = fixture.count("data_dump") + fixture.count("data_rejected");
            assertThat(storedAtCrash).as("some records were lost with the killed worker's buffer").isLessThan(2_000);

            try (WorkerProcess successor = WorkerProcess.start(emulators, "crash-2", fixture.stream,
                    fixture.application, fixture.tablePrefix, "4s")) {
                Poll.until("all 2,000 records written after the crash", DELIVERY_TIMEOUT,
                        () -> written(fixture, successor), fixture::progress);
                assertThat(successor.stopGracefully(Duration.ofSeconds(30))).isZero();
            }
            assertThat(fixture.items("data_dump")).extracting(StreamFixture::reading)
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedDump());
            assertThat(fixture.items("data_anomaly")).extracting(StreamFixture::reading)
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedAnomalies());
            assertThat(fixture.items("data_rejected")).extracting(StreamFixture::rejectedText)
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedRejected());
        }
    }

    private static boolean written(StreamFixture fixture, WorkerProcess worker) {
        worker.assertAlive();
        return fixture.allWritten();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
