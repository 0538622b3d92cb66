package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The faults production has, on the real KCL, kinesis-local and dynalite, each worker its own JVM: a
 * reshard, a worker joining, DynamoDB unreachable, throttled, refusing an item or slow, and KPL
 * aggregates with a crash. After each, every record is in exactly its table, once.
 */
class ProductionFaultsIT {

    private static final Duration DELIVERY = Duration.ofMinutes(3);
    /** The drain deadline is 25 s; the JVM needs a moment to start the drain and to exit after it. */
    private static final Duration STOP = Duration.ofSeconds(35);
    private static final String CACHE_MISS_WARNING = "Cannot get the shard for this ProcessTask";
    private static LocalEmulators emulators;

    @BeforeAll
    static void startEmulators() throws Exception {
        emulators = LocalEmulators.get();
    }

    @Test
    void splitAndMergeUnderTrafficThenSigtermDrainsWithinTheDeadlineWithoutCacheMissWarnings() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "reshard", 2, 21);
             WorkerProcess worker = WorkerProcess.start(emulators, "reshard", fixture, emulators.dynamoDbEndpoint())) {
            fixture.send(400);
            Poll.until("a first window written", DELIVERY, () -> alive(worker) && worker.windowsFlushed() > 0);
            fixture.split("shardId-000000000000"); // children 2 (lower half) and 3 (upper half of shard 0)
            fixture.send(400);
            fixture.merge("shardId-000000000003", "shardId-000000000001"); // adjacent: child 4
            assertThat(fixture.openShards()).containsExactly("shardId-000000000002", "shardId-000000000004");
            fixture.send(400);
            Poll.until("every record written across 5 shards", DELIVERY, () -> alive(worker) && fixture.allWritten(),
                    fixture::progress);
            Poll.until("the children's processors started", Duration.ofSeconds(60),
                    () -> worker.logLines("Shard shardId-000000000004 starting") > 0);

            long started = System.nanoTime();
            int exit = worker.stopGracefully(STOP);
            Duration drain = Duration.ofNanos(System.nanoTime() - started);

            assertThat(exit).as("exit code after SIGTERM; see " + worker.log()).isZero();
            assertThat(drain).isLessThan(Duration.ofSeconds(30));
            assertThat(worker.output()).contains("Stopped cleanly").doesNotContain("Drain did not finish");
            assertThat(worker.logLines(CACHE_MISS_WARNING)).as("shard-map cache-miss warnings").isZero();
            fixture.assertStoredExactlyOnce("reshard", exit);
            assertThat(fixture.items("data_dump")).extracting(i -> i.get("shardId").s()).contains(
                    "shardId-000000000002", "shardId-000000000004");
        }
    }

    @Test
    void aSecondWorkerTakesLeasesUnderTrafficAndBothStopCleanly() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "fleet", 2, 22);
             WorkerProcess first = WorkerProcess.start(emulators, "fleet-1", fixture, emulators.dynamoDbEndpoint())) {
            AtomicBoolean producing = new AtomicBoolean(true);
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                while (producing.get()) {
                    fixture.send(100);
                    pause(Duration.ofMillis(400));
                }
            });
            Poll.until("the first worker writing", DELIVERY, () -> alive(first) && first.windowsFlushed() > 0);
            try (WorkerProcess second = WorkerProcess.start(emulators, "fleet-2", fixture, emulators.dynamoDbEndpoint())) {
                Poll.until("the second worker owning a shard", Duration.ofSeconds(90),
                        () -> alive(first) && alive(second) && second.logLines(" starting at ") > 0);
                int firstExit = first.stopGracefully(STOP);
                Poll.until("the second worker owning both shards", Duration.ofSeconds(90),
                        () -> alive(second) && second.logLines(" starting at ") >= 2);
                producing.set(false);
                producer.join();
                Poll.until("every record written", DELIVERY, () -> alive(second) && fixture.allWritten(),
                        fixture::progress);
                int secondExit = second.stopGracefully(STOP);

                assertThat(firstExit).as("first worker's exit code; see " + first.log()).isZero();
                assertThat(secondExit).as("second worker's exit code; see " + second.log()).isZero();
                fixture.assertStoredExactlyOnce("fleet", Math.max(firstExit, secondExit));
            } finally {
                producing.set(false);
            }
        }
    }

    @Test
    void dynamoDbUnreachableForThirtySecondsIsReportedByHealthAndNothingIsLost() throws Exception {
        int port = LocalEmulators.freePort();
        try (StreamFixture fixture = new StreamFixture(emulators, "outage", 2, 23);
             TcpProxy proxy = new TcpProxy(emulators.dynamoDbEndpoint().getPort());
             WorkerProcess worker = WorkerProcess.start(emulators, "outage", fixture, proxy.endpoint(),
                     "--http-port", Integer.toString(port))) {
            fixture.send(300);
            Poll.until("the first records written", DELIVERY, () -> alive(worker) && fixture.allWritten(),
                    fixture::progress);
            Poll.until("/health ok", Duration.ofSeconds(30), () -> worker.health(port).startsWith("200 ok"));

            proxy.cut();
            long cutAt = System.nanoTime();
            fixture.send(300);
            Poll.until("/health to report the outage", Duration.ofSeconds(25),
                    () -> alive(worker) && worker.health(port).contains("degraded: DynamoDB"));
            String during = worker.health(port);
            Poll.until("30 s of outage", Duration.ofSeconds(31),
                    () -> System.nanoTime() - cutAt >= Duration.ofSeconds(30).toNanos());
            proxy.restore();

            Poll.until("every record written after the outage", DELIVERY, () -> alive(worker) && fixture.allWritten(),
                    fixture::progress);
            Poll.until("/health ok again", Duration.ofSeconds(60), () -> worker.health(port).startsWith("200 ok"));
            int exit = worker.stopGracefully(STOP);

            System.out.println("outage: /health during the outage: " + during);
            // Which shows first depends on whether a window was being written or the KCL's leases went first.
            assertThat(during).matches("(?s)200 degraded: DynamoDB (writes|lease table calls) failing for .*");
            assertThat(exit).isZero();
            fixture.assertStoredExactlyOnce("outage", exit);
        }
    }

    @Test
    void throttlingAndPartialUnprocessedItemsAreRetriedAndCounted() throws Exception {
        int port = LocalEmulators.freePort();
        try (StreamFixture fixture = new StreamFixture(emulators, "throttle", 2, 24);
             DynamoFaultProxy proxy = new DynamoFaultProxy(emulators.dynamoDbEndpoint());
             WorkerProcess worker = WorkerProcess.start(emulators, "throttle", fixture, proxy.endpoint(),
                     "--http-port", Integer.toString(port))) {
            proxy.throttleFraction = 0.3;
            proxy.partialFraction = 0.2;
            fixture.send(2_000);
            Poll.until("every record written", DELIVERY, () -> alive(worker) && fixture.allWritten(), fixture::progress);
            String metrics = worker.metrics(port);
            int exit = worker.stopGracefully(STOP);

            System.out.printf("throttle: proxy throttled %d and partially wrote %d requests; sink retries: throttled %d,"
                    + " unprocessed items %d%n", proxy.throttled.get(), proxy.partial.get(),
                    sum(metrics, "streamwatch_write_retries_total", "cause=\"throttled\""),
                    sum(metrics, "streamwatch_write_retries_total", "cause=\"unprocessed\""));
            assertThat(proxy.throttled.get()).isPositive();
            assertThat(proxy.partial.get()).isPositive();
            // The SDK retries throttling itself first; what still fails reaches the sink's own retries.
            assertThat(sum(metrics, "streamwatch_write_retries_total", "cause=\"throttled\"")).isPositive();
            assertThat(sum(metrics, "streamwatch_write_retries_total", "cause=\"unprocessed\"")).isPositive();
            assertThat(exit).isZero();
            fixture.assertStoredExactlyOnce("throttle", exit);
        }
    }

    @Test
    void anItemDynamoDbRefusesIsDeadLetteredWithTheReasonAndTheShardGoesOn() throws Exception {
        int port = LocalEmulators.freePort();
        try (StreamFixture fixture = new StreamFixture(emulators, "poison", 2, 25);
             DynamoFaultProxy proxy = new DynamoFaultProxy(emulators.dynamoDbEndpoint());
             WorkerProcess worker = WorkerProcess.start(emulators, "poison", fixture, proxy.endpoint(),
                     "--http-port", Integer.toString(port))) {
            proxy.poison = "Poisonous";
            fixture.send(300);
            fixture.sendRefused("Poisonous");
            fixture.send(300);
            Poll.until("every record written or dead-lettered", DELIVERY, () -> alive(worker) && fixture.allWritten(),
                    fixture::progress);
            String metrics = worker.metrics(port);
            int exit = worker.stopGracefully(STOP);

            List<Map<String, AttributeValue>> letters = fixture.items("data_rejected").stream()
                    .filter(i -> StreamFixture.rejectedText(i).startsWith("Poisonous,")).toList();
            assertThat(letters).singleElement().satisfies(letter -> assertThat(letter.get("reason").s())
                    .contains("DynamoDB refused the item for poison_data_dump").contains("ValidationException")
                    .contains("Item size has exceeded"));
            assertThat(proxy.refused.get()).isPositive();
            assertThat(sum(metrics, "streamwatch_items_refused_total", "")).isEqualTo(1);
            assertThat(exit).isZero();
            fixture.assertStoredExactlyOnce("poison", exit);
        }
    }

    @Test
    void kplAggregatesAreStoredOneItemPerUserRecordAndAKillMidWindowReplaysExactly() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "kpl", 2, 26)) {
            try (WorkerProcess doomed = WorkerProcess.start(emulators, "kpl-1", fixture.stream, fixture.application,
                    fixture.tablePrefix, "4s", List.of())) {
                CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 8; i++) {
                        fixture.sendAggregated(250, 10);
                        pause(Duration.ofMillis(700));
                    }
                });
                Poll.until("a first window flushed", DELIVERY, () -> alive(doomed) && doomed.windowsFlushed() > 0);
                producing.join();
                Poll.until("records buffered in an open window", Duration.ofSeconds(10),
                        () -> fixture.count("data_dump") + fixture.count("data_rejected") < fixture.sentTotal());
                doomed.kill();
            }
            try (WorkerProcess successor = WorkerProcess.start(emulators, "kpl-2", fixture.stream, fixture.application,
                    fixture.tablePrefix, "4s", List.of())) {
                Poll.until("every user record written after the crash", DELIVERY,
                        () -> alive(successor) && fixture.allWritten(), fixture::progress);
                int exit = successor.stopGracefully(STOP);
                assertThat(exit).isZero();
                fixture.assertStoredExactlyOnce("kpl", exit);
            }
            assertThat(fixture.items("data_dump")).extracting(i -> Long.parseLong(i.get("subSequenceNumber").n()))
                    .contains(0L, 9L).allMatch(sub -> sub >= 0 && sub < 10);
        }
    }

    @Test
    void sigtermWhileEveryDynamoDbCallIsSlowExitsWithinTheDrainAndTheReplayLosesNothing() throws Exception {
        try (StreamFixture fixture = new StreamFixture(emulators, "slow", 2, 27);
             DynamoFaultProxy proxy = new DynamoFaultProxy(emulators.dynamoDbEndpoint())) {
            try (WorkerProcess slowed = WorkerProcess.start(emulators, "slow-1", fixture, proxy.endpoint(),
                    "--drain-timeout", "10s")) {
                fixture.send(300);
                Poll.until("a first window written", DELIVERY, () -> alive(slowed) && slowed.windowsFlushed() > 0);
                proxy.delay = Duration.ofMillis(1_500);
                fixture.send(600);
                Poll.until("records read under the slow store", Duration.ofSeconds(30),
                        () -> fixture.count("data_dump") + fixture.count("data_rejected") < fixture.sentTotal());

                long started = System.nanoTime();
                int exit = slowed.stopGracefully(Duration.ofSeconds(20));
                Duration stop = Duration.ofNanos(System.nanoTime() - started);
                assertThat(stop).as("SIGTERM to exit, drain deadline 10 s; see " + slowed.log())
                        .isLessThan(Duration.ofSeconds(14));
                System.out.printf("slow: first worker exited %d after %d ms%n", exit, stop.toMillis());
            }
            proxy.delay = Duration.ZERO;
            try (WorkerProcess successor = WorkerProcess.start(emulators, "slow-2", fixture,
                    emulators.dynamoDbEndpoint())) {
                // The slowed worker's requests still at the proxy reach the store after it exits, so the tables
                // can be complete before the successor has even started: wait for it to own both shards too.
                Poll.until("the successor owning both shards and every record written", DELIVERY,
                        () -> alive(successor) && successor.logLines(" starting at ") >= 2 && fixture.allWritten(),
                        fixture::progress);
                int exit = successor.stopGracefully(STOP);
                assertThat(exit).isZero();
                fixture.assertStoredExactlyOnce("slow", exit);
            }
        }
    }

    private static long sum(String metrics, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return Math.round(total);
    }

    private static boolean alive(WorkerProcess worker) {
        worker.assertAlive();
        return true;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
