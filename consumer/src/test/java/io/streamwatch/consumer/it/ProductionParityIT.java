package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Production parity: the worker runs as the deployed task runs it, and is treated the way ECS treats it.
 * Its environment is the synthesized task definition's and the image's (read from
 * {@code deploy/template/Streamwatch.template.json} and the {@code Dockerfile}, not retyped; only the
 * endpoints, the credentials and the port are local), its JVM flags the image's, its memory limit the
 * task's; its container health check runs as ECS runs it and a task that fails it is stopped (SIGTERM,
 * SIGKILL at the stop timeout) and replaced. Each scenario has the deployed names on emulators of its own
 * and ends with every table compared item by item with what was sent: nothing lost, nothing stored twice.
 * Figures are printed on lines starting with {@code parity:}.
 */
class ProductionParityIT {

    /** The machine's two cores: scenarios that work it run alone; two that mostly wait share it. */
    private static final String MACHINE = "parity-machine";

    /** Records a second of steady traffic, the rate of a small fleet of sensors. */
    private static final int STEADY_RATE = 20;
    private static final Duration OUTAGE = Duration.ofMinutes(6);
    private static final Duration DELIVERY = Duration.ofMinutes(3);
    /** How long a task may take from start to reading every shard (the KCL's default start waits up to 30 s). */
    private static final Duration START = Duration.ofMinutes(3);
    /** User records of the KPL backlog; the issue asks for at least 2 million. */
    private static final int KPL_USER_RECORDS = Integer.getInteger("parity.kplUserRecords", 2_000_000);
    private static final int KPL_PER_AGGREGATE = 500;
    private static final Duration ROLLING_GAP_TARGET = Duration.ofSeconds(30);

    private static DeployedTaskDefinition definition;

    @BeforeAll
    static void readTheDeployedTaskDefinition() throws Exception {
        definition = DeployedTaskDefinition.read(LocalEmulators.get().projectRoot());
        System.out.printf("parity: task definition: environment %s; image environment %s; entrypoint %s; health check "
                        + "%s; stop timeout %s; memory %d MiB; deployment %s; desired %d; stream %s (%d shards); "
                        + "lease table %s%n", definition.environment(), definition.imageEnvironment(),
                definition.entrypoint(), definition.healthCheck(), definition.stopTimeout(), definition.memoryMiB(),
                definition.deployment(), definition.desiredCount(), definition.streamName(), definition.shardCount(),
                definition.leaseTable().map(t -> t.tableName()).orElse("(created by the KCL)"));
    }

    @Test
    @ResourceLock(MACHINE)
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void firstStartUnderLatestKilledBeforeItsFirstWindowThenASuccessorLosesNothing() throws Exception {
        assertThat(definition.environment()).containsEntry("INITIAL_POSITION", "LATEST");
        try (ParityStack stack = ParityStack.create("latest", definition, definition.shardCount(), 41);
             EcsService service = stack.service("latest", 1, stack.emulators.dynamoDbEndpoint()).start()) {
            StreamFixture fixture = stack.fixture;
            EcsTask first = service.tasks().get(0);
            awaitEveryShardRead(service, fixture.openShards(), START);

            fixture.send(200); // read from LATEST: sent after every shard's first read, so all of it counts
            Poll.until("the first task to have read the 200 records", Duration.ofSeconds(30),
                    () -> recordsReceived(first) >= 200, () -> "received " + recordsReceived(first));
            assertThat(itemsStored(fixture)).as("items stored before the kill: the first window is still open").isZero();
            assertThat(windowsFlushed(first)).as("windows flushed before the kill").isZero();
            EcsTask.Stopped crash = first.kill("SIGKILL before the first window was written");

            fixture.send(200); // while no task runs
            Poll.until("a successor", Duration.ofSeconds(10), () -> service.tasks().size() == 2);
            EcsTask successor = service.tasks().get(1);
            awaitEveryShardRead(service, fixture.openShards(), START);
            fixture.send(200);
            boolean complete = awaitQuietly(DELIVERY, fixture::allWritten);
            List<EcsTask.Stopped> stops = service.stopAll();

            report("latest-kill", stack, service, stops, crash, null);
            assertThat(complete).as("every record written by the successor; " + progress(fixture)).isTrue();
            assertThat(crash.exitCode()).as("the killed task's exit code").isEqualTo(137);
            assertThat(service.tasks()).as("tasks: the first and one successor").hasSize(2);
            assertThat(service.unhealthyTasks()).as("tasks that failed their health checks").isEmpty();
            assertThat(stops).singleElement().satisfies(s -> assertThat(s.exitCode())
                    .as("the successor's exit code; see " + successor.log()).isZero());
            fixture.assertStoredExactlyOnce("latest-kill", stops.get(0).exitCode());
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    // Mostly waiting out the 6 minutes: it runs beside the backlog scenario (both share the machine), never
    // beside the others.
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ)
    void sixMinutesOfThrottlingAndSeparatelyOfDynamoDbUnreachableNeverReplaceTheTaskAndLoseNothing()
            throws Exception {
        CompletableFuture<Throwable> throttled = CompletableFuture.supplyAsync(() -> outcome(() ->
                sixMinuteOutage("throttled", 42, FaultKind.THROTTLE_EVERY_BATCH_WRITE)));
        CompletableFuture<Throwable> unreachable = CompletableFuture.supplyAsync(() -> outcome(() ->
                sixMinuteOutage("unreachable", 43, FaultKind.UNREACHABLE)));
        Throwable first = throttled.join();
        Throwable second = unreachable.join();
        if (first != null && second != null) {
            first.addSuppressed(second);
        }
        if (first != null || second != null) {
            throw new AssertionError("throttled: " + describe(first) + "\nunreachable: " + describe(second),
                    first != null ? first : second);
        }
    }

    private enum FaultKind { THROTTLE_EVERY_BATCH_WRITE, UNREACHABLE }

    private void sixMinuteOutage(String scenario, long seed, FaultKind kind) throws Exception {
        try (ParityStack stack = ParityStack.create(scenario, definition, definition.shardCount(), seed);
             DynamoFaultProxy faults = new DynamoFaultProxy(stack.emulators.dynamoDbEndpoint());
             TcpProxy network = new TcpProxy(stack.emulators.dynamoDbEndpoint().getPort())) {
            URI dynamoDb = kind == FaultKind.UNREACHABLE ? network.endpoint() : faults.endpoint();
            try (EcsService service = stack.service(scenario, 1, dynamoDb).start()) {
                StreamFixture fixture = stack.fixture;
                service.awaitHealthy(1, START);
                awaitEveryShardRead(service, fixture.openShards(), START);
                SteadyTraffic traffic = new SteadyTraffic(fixture, STEADY_RATE);
                Poll.until(scenario + ": a first window written", Duration.ofMinutes(2),
                        () -> itemsStored(fixture) > 0);

                if (kind == FaultKind.UNREACHABLE) {
                    network.cut();
                } else {
                    faults.throttleEveryBatchWrite = true;
                }
                Set<String> healthDuring = observe(service, OUTAGE);
                if (kind == FaultKind.UNREACHABLE) {
                    network.restore();
                } else {
                    faults.throttleEveryBatchWrite = false;
                }
                Thread.sleep(Duration.ofSeconds(30).toMillis()); // traffic goes on a while after the fault
                traffic.stop();
                boolean complete = awaitQuietly(DELIVERY, fixture::allWritten);
                List<EcsTask.Stopped> stops = service.stopAll();

                System.out.printf("parity: scenario=%s /health during the fault: %s; BatchWriteItem throttled by the "
                        + "proxy: %d%n", scenario, healthDuring, faults.throttled.get());
                report(scenario, stack, service, stops, null, null);
                assertThat(service.replacedTasks()).as(scenario + ": tasks ECS replaced").isEmpty();
                assertThat(service.unhealthyTasks()).as(scenario + ": tasks that failed their health checks").isEmpty();
                assertThat(complete).as(scenario + ": every record written after the fault; " + progress(fixture))
                        .isTrue();
                assertThat(stops).extracting(EcsTask.Stopped::exitCode).as(scenario + ": exit codes").containsOnly(0);
                fixture.assertStoredExactlyOnce(scenario, stops.get(0).exitCode());
            }
        }
    }

    @Test
    @ResourceLock(MACHINE)
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void leaseTableAccessDeniedIsReportedDegradedWithTheReasonWithinAMinuteAndTheTaskIsNotReplaced()
            throws Exception {
        String leaseTable = definition.applicationName();
        try (ParityStack stack = ParityStack.create("denied", definition, definition.shardCount(), 44);
             DynamoFaultProxy faults = new DynamoFaultProxy(stack.emulators.dynamoDbEndpoint());
             EcsService service = stack.service("denied", 1, faults.endpoint()).start()) {
            StreamFixture fixture = stack.fixture;
            service.awaitHealthy(1, START);
            awaitEveryShardRead(service, fixture.openShards(), START);
            EcsTask task = service.running().get(0);
            SteadyTraffic traffic = new SteadyTraffic(fixture, STEADY_RATE);
            Poll.until("a first window written", Duration.ofMinutes(2), () -> itemsStored(fixture) > 0);

            faults.accessDeniedTable = leaseTable; // the task role lost its lease-table permissions
            Instant deniedAt = Instant.now();
            boolean reported = awaitQuietly(Duration.ofSeconds(60), () -> degradedNaming(task.httpHealth(), leaseTable));
            Duration toReport = Duration.between(deniedAt, Instant.now());
            String reportedHealth = task.httpHealth();
            DeployedTaskDefinition.HealthCheck check = definition.healthCheck();
            // Long enough for ECS to act: the retries' worth of failed checks and one interval more.
            Set<String> healthAfter = observe(service, check.interval().multipliedBy(check.retries() + 1L));
            faults.accessDeniedTable = null;
            traffic.stop();
            boolean complete = awaitQuietly(DELIVERY, fixture::allWritten);
            List<EcsTask.Stopped> stops = service.stopAll();

            System.out.printf("parity: scenario=denied lease-table calls denied: %d; /health %s after %d s: '%s'; then:"
                    + " %s%n", faults.denied.get(), reported ? "degraded" : "NOT degraded", toReport.toSeconds(),
                    reportedHealth, healthAfter);
            report("denied", stack, service, stops, null, null);
            assertThat(faults.denied.get()).as("lease-table calls answered AccessDenied").isPositive();
            assertThat(reported).as("/health 200 degraded naming the lease table and AccessDenied within 60 s; it said '"
                    + reportedHealth + "'; see " + task.log()).isTrue();
            assertThat(service.replacedTasks()).as("tasks ECS replaced").isEmpty();
            assertThat(service.unhealthyTasks()).as("tasks that failed their health checks").isEmpty();
            assertThat(complete).as("every record written once access is back; " + progress(fixture)).isTrue();
            assertThat(stops).extracting(EcsTask.Stopped::exitCode).containsOnly(0);
            fixture.assertStoredExactlyOnce("denied", stops.get(0).exitCode());
        }
    }

    private static boolean degradedNaming(String health, String leaseTable) {
        return health.startsWith("200 degraded") && (health.contains(leaseTable) || health.contains("lease table"))
                && health.contains("AccessDenied");
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    @Execution(ExecutionMode.CONCURRENT)
    @ResourceLock(value = MACHINE, mode = ResourceAccessMode.READ)
    void aKplBacklogOfTwoMillionUserRecordsWithDynamoDbSlowedFitsTheTaskMemoryAndIsStoredExactly() throws Exception {
        try (ParityStack stack = ParityStack.create("kpl", definition, definition.shardCount(), 45);
             DynamoFaultProxy faults = new DynamoFaultProxy(stack.emulators.dynamoDbEndpoint());
             EcsService service = stack.service("kpl", 1, faults.endpoint()).start()) {
            StreamFixture fixture = stack.fixture;
            service.awaitHealthy(1, START);
            awaitEveryShardRead(service, fixture.openShards(), START);
            faults.delay = Duration.ofMillis(20); // every DynamoDB call, on top of dynalite's own pace
            {
                long putStarted = System.nanoTime();
                // Mostly normal readings (1 in 10 an anomaly, 1 in 100 malformed): every item is written and
                // compared, and dynalite on 2 cores writes about 2,700 items a second.
                fixture.readingsUpTo(110, 0.01, 45);
                // kinesis-local, on 2 cores, times out on 100 aggregates (1 MB) a request from 4 threads: 25 from 2.
                fixture.sendAggregatedInParallel(KPL_USER_RECORDS, KPL_PER_AGGREGATE, 25, 2);
                Duration put = Duration.ofNanos(System.nanoTime() - putStarted);
                // The backlog is read while DynamoDB is slow: that is when buffers would grow. Then the store
                // recovers, and the rest is written at dynalite's pace.
                CompletableFuture.delayedExecutor(2, TimeUnit.MINUTES).execute(() -> faults.delay = Duration.ZERO);
                System.out.printf("parity: scenario=kpl put %,d user records in %,d aggregates in %d s (%,.0f/s)%n",
                        KPL_USER_RECORDS, (KPL_USER_RECORDS + KPL_PER_AGGREGATE - 1) / KPL_PER_AGGREGATE, put.toSeconds(),
                        KPL_USER_RECORDS / Math.max(1e-3, put.toMillis() / 1000.0));
                long writeStarted = System.nanoTime();
                ItemsWritten written = new ItemsWritten(service, definition.environment().get("DUMP_TABLE"));
                boolean complete = awaitQuietly(Duration.ofMinutes(35), () -> service.running().size() == 1
                        && written.total() >= fixture.sentValidCount() && fixture.allWritten(), written::describe,
                        Duration.ofSeconds(30));
                Duration writing = Duration.ofNanos(System.nanoTime() - writeStarted);
                System.out.printf("parity: scenario=kpl data_dump items written (worker metrics) %,d in %d s (%,.0f/s)%n",
                        written.total(), writing.toSeconds(), written.total() / Math.max(1.0, writing.toSeconds()));
                List<EcsTask.Stopped> stops = service.stopAll();
                long countStarted = System.nanoTime();
                report("kpl", stack, service, stops, null, null);
                System.out.printf("parity: scenario=kpl item-by-item comparison took %d s%n",
                        Duration.ofNanos(System.nanoTime() - countStarted).toSeconds());

                for (EcsTask task : service.tasks()) {
                    // The JVM's own line (the flag -XX:+ExitOnOutOfMemoryError is echoed at start, so not just the name).
                    assertThat(task.output()).as(task.name + "'s log").doesNotContain("java.lang.OutOfMemoryError");
                    assertThat(task.memory().oomKills()).as(task.name + ": processes the kernel OOM-killed").isZero();
                    assertThat(task.peakRssBytes()).as(task.name + ": the worker's peak RSS, bytes")
                            .isLessThan(task.memory().limitBytes());
                }
                assertThat(service.replacedTasks()).as("tasks ECS replaced").isEmpty();
                assertThat(complete).as("every user record written; " + written.describe()).isTrue();
                assertThat(stops).extracting(EcsTask.Stopped::exitCode).containsOnly(0);
                Tally tally = Tally.of(fixture);
                assertThat(tally.lost()).as("user records lost").isZero();
                assertThat(tally.duplicated()).as("user records stored twice").isZero();
                assertThat(tally.anomaliesMatch()).as("data_anomaly as expected").isTrue();
            }
        }
    }

    @Test
    @ResourceLock(MACHINE)
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aRollingDeployOfThreeTasksOverEightShardsUnderTrafficExitsCleanlyLosesNothingAndLeavesNoShardLongUnread()
            throws Exception {
        int tasks = 3;
        try (ParityStack stack = ParityStack.create("rolling", definition, 8, 46);
             EcsService service = stack.service("rolling", tasks, stack.emulators.dynamoDbEndpoint()).start()) {
            StreamFixture fixture = stack.fixture;
            List<String> shards = fixture.openShards();
            service.awaitHealthy(tasks, START);
            awaitEveryShardRead(service, shards, START);
            SteadyTraffic traffic = new SteadyTraffic(fixture, STEADY_RATE);
            Poll.until("a first window written", Duration.ofMinutes(2), () -> itemsStored(fixture) > 0);

            List<EcsTask.Stopped> replaced;
            ShardGapMonitor gaps = new ShardGapMonitor(shards, service::running);
            try (gaps) {
                replaced = service.rollingDeploy(START);
                Thread.sleep(Duration.ofSeconds(30).toMillis()); // the new tasks settle under traffic
            }
            traffic.stop();
            boolean complete = awaitQuietly(DELIVERY, fixture::allWritten);
            List<EcsTask.Stopped> stops = service.stopAll();
            List<EcsTask.Stopped> all = new ArrayList<>(replaced);
            all.addAll(stops);

            System.out.printf("parity: scenario=rolling longest unread gap %.1f s (target <= %d s), measured by %s, per "
                    + "shard: %s%n", gaps.longestGap().toMillis() / 1000.0, ROLLING_GAP_TARGET.toSeconds(), gaps.mode(),
                    gaps.describe());
            report("rolling", stack, service, all, null, gaps);
            assertThat(replaced).as("tasks the deployment replaced").hasSize(tasks);
            assertThat(all).as("every task's exit (the deployment's and the final scale-in)")
                    .allSatisfy(s -> assertThat(s.exitCode()).as(s.task() + " exit code").isZero())
                    .noneMatch(EcsTask.Stopped::killedAtStopTimeout);
            assertThat(service.replacedTasks()).as("tasks ECS replaced outside the deployment").isEmpty();
            assertThat(complete).as("every record written; " + progress(fixture)).isTrue();
            fixture.assertStoredExactlyOnce("rolling", 0);
            assertThat(gaps.longestGap()).as("the longest time a shard went unread during the deploy: " + gaps.describe())
                    .isLessThanOrEqualTo(ROLLING_GAP_TARGET);
        }
    }

    // ---- what the scenarios observe ----

    /**
     * Waits until every shard has had a batch processed (its {@code lastBatchAt}, or else its
     * {@code millisBehindLatest}, is set on some running task): only then is a record put under LATEST
     * certainly read.
     */
    private static void awaitEveryShardRead(EcsService service, List<String> shards, Duration timeout)
            throws InterruptedException {
        Poll.until("every shard read by a running task", timeout, () -> shardsRead(service).containsAll(shards),
                () -> "read: " + shardsRead(service) + " of " + shards + "; tasks " + service.tasks());
    }

    private static Set<String> shardsRead(EcsService service) {
        Set<String> read = new HashSet<>();
        for (EcsTask task : service.running()) {
            task.status().ifPresent(status -> {
                for (JsonNode shard : status.path("shards")) {
                    JsonNode marker = shard.has("lastBatchAt") ? shard.get("lastBatchAt") : shard.get("millisBehindLatest");
                    if (marker != null && !marker.isNull()) {
                        read.add(shard.path("shardId").asText());
                    }
                }
            });
        }
        return read;
    }

    private static long recordsReceived(EcsTask task) {
        return task.status().map(s -> {
            long total = 0;
            for (JsonNode shard : s.path("shards")) {
                total += shard.path("recordsReceived").asLong();
            }
            return total;
        }).orElse(0L);
    }

    private static long windowsFlushed(EcsTask task) {
        return task.status().map(s -> {
            long flushed = 0;
            for (JsonNode shard : s.path("shards")) {
                flushed += shard.path("lastFlush").isNull() ? 0 : 1;
            }
            return flushed;
        }).orElse(0L);
    }

    private static long itemsStored(StreamFixture fixture) {
        return fixture.count("data_dump") + fixture.count("data_rejected");
    }

    private static String progress(StreamFixture fixture) {
        return "items " + fixture.count("data_dump") + " + " + fixture.count("data_rejected") + " dead letters of "
                + fixture.sentTotal() + " sent";
    }

    /** Watches the service for {@code duration}: the distinct /health answers of its running tasks. */
    private static Set<String> observe(EcsService service, Duration duration) throws InterruptedException {
        Set<String> answers = new LinkedHashSet<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            for (EcsTask task : service.running()) {
                answers.add(task.name + ": " + task.httpHealth().replaceAll("\\d+ s\\b", "N s")
                        .replaceAll("\\s+", " "));
            }
            Thread.sleep(5_000);
        }
        return answers;
    }

    private static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        return awaitQuietly(timeout, condition, () -> "", Duration.ofMillis(500));
    }

    /** Polls until the condition holds; false on timeout (the caller reports, then asserts). */
    private static boolean awaitQuietly(Duration timeout, BooleanSupplier condition,
                                        java.util.function.Supplier<String> progress, Duration every)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!progress.get().isEmpty() && System.nanoTime() >= nextReport) {
                System.out.println("parity: progress " + progress.get());
                nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            }
            Thread.sleep(every.toMillis());
        }
        return condition.getAsBoolean();
    }

    /** The figures of a scenario, one {@code parity:} line. */
    private static void report(String scenario, ParityStack stack, EcsService service, List<EcsTask.Stopped> stops,
                               EcsTask.Stopped crash, ShardGapMonitor gaps) {
        Tally tally = Tally.of(stack.fixture);
        List<String> exits = new ArrayList<>();
        if (crash != null) {
            exits.add(crash.task() + "=" + crash.exitCode() + "(killed)");
        }
        service.replacedTasks().stream().filter(s -> crash == null || !s.task().equals(crash.task()))
                .forEach(s -> exits.add(s.task() + "=" + s.exitCode() + "(" + s.reason() + ")"));
        stops.forEach(s -> exits.add(s.task() + "=" + s.exitCode() + (s.killedAtStopTimeout() ? "(SIGKILL)" : "")
                + "@" + s.stopDuration().toMillis() + "ms"));
        long peak = service.tasks().stream().mapToLong(EcsTask::peakMemoryBytes).max().orElse(0);
        long peakRss = service.tasks().stream().mapToLong(EcsTask::peakRssBytes).max().orElse(0);
        System.out.printf("parity: scenario=%s sent=%d stored=%d lost=%d duplicated=%d exits=%s tasks=%d replaced=%d "
                        + "unhealthy=%d longestUnreadGap=%s peakMemory=%d MiB (worker RSS %d MiB) of %d MiB [%s] "
                        + "cloudwatchPuts=%d%n", scenario, tally.sent(), tally.stored(), tally.lost(), tally.duplicated(),
                exits, service.tasks().size(), service.replacedTasks().size(), service.unhealthyTasks().size(),
                gaps == null ? "n/a" : gaps.longestGap().toMillis() / 1000.0 + " s (" + gaps.mode() + ")",
                peak >> 20, peakRss >> 20, definition.memoryMiB(),
                service.tasks().isEmpty() ? "" : service.tasks().get(0).memory().mode(),
                stack.cloudWatch.putMetricDataCalls.get());
        service.tasks().forEach(t -> System.out.printf("parity: scenario=%s %s health checks: %s%n", scenario, t.name,
                t.probes().stream().map(p -> p.passed() ? "ok" : p.counted() ? "FAIL" : "fail(start)").toList()));
    }

    /** Sent versus stored, as multisets: what is missing and what is there more often than sent. */
    record Tally(long sent, long stored, long lost, long duplicated, boolean anomaliesMatch) {
        static Tally of(StreamFixture fixture) {
            List<Map<String, AttributeValue>> dump = fixture.items("data_dump");
            List<Map<String, AttributeValue>> rejected = fixture.items("data_rejected");
            List<String> stored = new ArrayList<>(dump.stream().map(StreamFixture::reading).toList());
            stored.addAll(rejected.stream().map(StreamFixture::rejectedText).toList());
            List<String> expected = new ArrayList<>(fixture.expectedDump());
            expected.addAll(fixture.expectedRejected());
            Map<String, Long> balance = new HashMap<>();
            expected.forEach(e -> balance.merge(e, 1L, Long::sum));
            stored.forEach(s -> balance.merge(s, -1L, Long::sum));
            long lost = balance.values().stream().filter(v -> v > 0).mapToLong(v -> v).sum();
            long duplicated = -balance.values().stream().filter(v -> v < 0).mapToLong(v -> v).sum();
            List<String> anomalies = fixture.items("data_anomaly").stream().map(StreamFixture::reading).sorted().toList();
            return new Tally(expected.size(), stored.size(), lost, duplicated,
                    anomalies.equals(fixture.expectedAnomalies()));
        }
    }

    /** The readings table's items the running and stopped tasks reported writing ({@code /metrics}). */
    private static final class ItemsWritten {
        private static final Pattern SERIES = Pattern.compile(
                "(?m)^streamwatch_items_written_total\\{([^}]*)\\} (\\S+)$");
        private static final Pattern BUFFERED = Pattern.compile(
                "(?m)^streamwatch_buffered_bytes\\{[^}]*shard=\"all\"[^}]*\\} (\\S+)$");
        private final EcsService service;
        private final String table;
        private final Map<String, Long> lastSeen = new HashMap<>();

        ItemsWritten(EcsService service, String table) {
            this.service = service;
            this.table = table;
        }

        /** The most every shard of a task buffered at once, in bytes, as the memory budget counts it. */
        private long peakBufferedBytes;

        synchronized long total() {
            for (EcsTask task : service.running()) {
                String metrics = task.get("/metrics?name[]=streamwatch_items_written_total"
                        + "&name[]=streamwatch_buffered_bytes");
                Matcher buffered = BUFFERED.matcher(metrics);
                while (buffered.find()) {
                    peakBufferedBytes = Math.max(peakBufferedBytes, Math.round(Double.parseDouble(buffered.group(1))));
                }
                Matcher m = SERIES.matcher(metrics);
                long sum = 0;
                while (m.find()) {
                    if (m.group(1).contains("table=\"" + table + "\"")) {
                        sum += Math.round(Double.parseDouble(m.group(2)));
                    }
                }
                lastSeen.merge(task.name, sum, Math::max);
            }
            return lastSeen.values().stream().mapToLong(Long::longValue).sum();
        }

        String describe() {
            return table + " items written per the workers' metrics: " + total() + "; peak buffered "
                    + (peakBufferedBytes >> 20) + " MiB; tasks " + service.tasks()
                    + "; peak memory " + service.tasks().stream().map(t -> t.name + "=" + (t.peakMemoryBytes() >> 20)
                    + " MiB").toList();
        }
    }

    private interface Scenario {
        void run() throws Exception;
    }

    private static Throwable outcome(Scenario scenario) {
        try {
            scenario.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static String describe(Throwable t) {
        return t == null ? "passed" : t.toString();
    }
}
