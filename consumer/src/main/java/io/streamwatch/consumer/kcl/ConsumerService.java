package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.aws.AwsClients;
import io.streamwatch.consumer.aws.CallOutcomes;
import io.streamwatch.consumer.config.ConsumerSettings;
import io.streamwatch.consumer.config.RetrievalMode;
import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecoderLimits;
import io.streamwatch.consumer.metrics.ConsumerMetrics;
import io.streamwatch.consumer.metrics.MetricsRegistries;
import io.streamwatch.consumer.metrics.OpsHttpServer;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.pipeline.MemoryBudget;
import io.streamwatch.consumer.pipeline.ShardPipelines;
import io.streamwatch.consumer.sink.DynamoDbSink;
import io.streamwatch.consumer.sink.ItemSchemas;
import io.streamwatch.consumer.sink.TableProvisioner;
import io.streamwatch.consumer.sink.WriteHealth;
import io.streamwatch.consumer.startup.Preflight;
import io.streamwatch.consumer.status.FailureStreak;
import io.streamwatch.consumer.status.ShardTasks;
import io.streamwatch.consumer.status.StatusJson;
import io.streamwatch.consumer.status.WorkerActivity;
import io.streamwatch.consumer.status.WorkerHealth;
import io.streamwatch.consumer.status.WorkerStatus;
import io.streamwatch.consumer.window.TumblingWindowAssigner;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.Lease;

/**
 * The running consumer: AWS clients, the KCL {@link Scheduler} with this project's processors, the
 * DynamoDB sink, metrics and the ops HTTP server. {@link #run()} blocks until {@link #requestStop()}
 * (SIGTERM, Ctrl-C) and then drains: flush every window, checkpoint, exit within the drain timeout.
 */
public final class ConsumerService {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerService.class);
    /**
     * The most the work after the drain may take (the final metrics publish, closing the clients), so the
     * whole stop ends inside the task's stop timeout: the stack keeps it at least 5 s above the drain timeout.
     */
    static final Duration AFTER_DRAIN = Duration.ofSeconds(3);
    /** Holding no lease for this many failover periods, while the stream has open shards, is degraded. */
    private static final int IDLE_FAILOVER_PERIODS = 6;

    private final ConsumerSettings settings;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final ShutdownDeadline deadline = new ShutdownDeadline();
    private final WorkerActivity activity = new WorkerActivity(System::nanoTime);
    private final ShardTasks tasks = new ShardTasks(System::nanoTime);
    /** Writes failing this long make /health say so (still 200: replacing the task would not help). */
    private final WriteHealth writeHealth = new WriteHealth(System::nanoTime, Duration.ofSeconds(5));
    /** The KCL's calls to its lease table: they fail in an outage even while no window is being written. */
    private final FailureStreak leaseTable = new FailureStreak(System::nanoTime, Duration.ofSeconds(5));
    /** The KCL's calls to Kinesis: GetRecords, ListShards, the fan-out subscription. */
    private final FailureStreak kinesisCalls = new FailureStreak(System::nanoTime, Duration.ofSeconds(5));
    /** Why the worker stops on its own (a fault no retry fixes); null while none happened. */
    private final AtomicReference<String> fault = new AtomicReference<>();
    private final String workerId = workerId();
    private final MemoryBudget budget;
    private final WorkerHealth health;
    private final WorkerStatus status;
    private volatile OpenShards openShards;
    private volatile Scheduler scheduler;
    private volatile Thread schedulerThread;

    public ConsumerService(ConsumerSettings settings) {
        this.settings = settings;
        this.budget = new MemoryBudget(settings.memoryBudgetBytes()
                .orElseGet(() -> MemoryBudget.defaultLimit(Runtime.getRuntime().maxMemory())));
        this.health = new WorkerHealth(new WorkerHealth.Sources(activity, tasks, writeHealth::problem, leaseTable,
                kinesisCalls, () -> openShards == null ? java.util.OptionalInt.empty() : openShards.get(),
                settings.kcl().failoverTime().multipliedBy(IDLE_FAILOVER_PERIODS)));
        this.status = new WorkerStatus(workerId, System::currentTimeMillis, this::schedulerState, this::healthView);
    }

    /** Asks a running service to drain and stop; safe to call from a signal handler, more than once. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Stops the worker on a fault no retry fixes; it drains and exits 1. The first reason is kept. */
    private void stopOnFault(String reason) {
        if (fault.compareAndSet(null, reason)) {
            LOG.error("Stopping the worker: {}", reason);
        }
        stopRequested.countDown();
    }

    /**
     * Runs until asked to stop.
     *
     * @return the process exit code: 0 after a clean drain, 1 if the scheduler died or the drain timed out
     */
    public int run() throws IOException, InterruptedException {
        AwsClients clients = new AwsClients(settings.aws());
        KinesisAsyncClient kinesis = clients.kinesisAsync(new CallOutcomes(kinesisCalls));
        DynamoDbAsyncClient leaseDynamo = clients.dynamoDbAsync(new CallOutcomes(leaseTable));
        CloudWatchAsyncClient cloudWatch = clients.cloudWatchAsync();
        DynamoDbClient sinkDynamo = clients.dynamoDb(settings.writeConcurrency());
        ExecutorService writers = Executors.newFixedThreadPool(settings.writeConcurrency(), named("dynamodb-writer"));
        MetricsRegistries registries = new MetricsRegistries(settings.metrics(), () -> cloudWatch);
        ConsumerMetrics metrics = new ConsumerMetrics(registries.registry(), settings.streamName());
        OpsHttpServer ops = null;
        int exitCode = 0;
        try {
            preflight(kinesis, new TableProvisioner(sinkDynamo));
            LOG.info("Memory budget for buffered readings: {} MiB ({}; --memory-budget / MEMORY_BUDGET); past it "
                    + "shards stop reading until writes free memory", budget.limitBytes() >> 20,
                    settings.memoryBudgetBytes().isPresent() ? "set" : MemoryBudget.DEFAULT_HEAP_PERCENT
                            + " % of the " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap");
            metrics.memoryBudget(budget.limitBytes());
            if (settings.metrics().httpPort() > 0) {
                ops = new OpsHttpServer(settings.metrics().httpPort(), this::health, registries::scrape,
                        () -> StatusJson.render(status.snapshot()));
                LOG.info("Serving the status page (/), /status.json, /health and /metrics on port {}", ops.port());
            }
            openShards = new OpenShards(kinesis, settings.streamName());
            WriteHealth.Listeners listeners = writeHealth.watching(metrics, metrics);
            DynamoDbSink sink = DynamoDbSink.standard(sinkDynamo, settings.tables(), writers, deadline,
                    listeners.retries(), listeners.written(), settings.dumpTimeToLive());
            scheduler = new KclSchedulerFactory(settings, workerId).create(kinesis, leaseDynamo, cloudWatch,
                    new WindowingProcessorFactory(pipelines(sink), metrics, activity, deadline, this::stopOnFault,
                            status), tasks);
            if (stopRequested.getCount() == 0) {
                // SIGTERM during the start-up checks: nothing was read, so there is nothing to drain.
                LOG.info("Stopped before the KCL scheduler started; nothing was read");
                return fault.get() == null ? 0 : 1;
            }
            schedulerThread = new Thread(() -> {
                try {
                    scheduler.run();
                } finally {
                    stopRequested.countDown();
                }
            }, "kcl-scheduler");
            schedulerThread.start();
            LOG.info("Consuming stream {} as application {} (windows {}, grace {}, anomaly > {})",
                    settings.streamName(), settings.applicationName(), settings.windowLength(), settings.grace(),
                    settings.anomalyThreshold());
            stopRequested.await();
            exitCode = drain();
            if (fault.get() != null) {
                exitCode = 1;
            }
        } finally {
            OpsHttpServer server = ops;
            OpenShards shards = openShards;
            // Bounded: the final CloudWatch publish or a client's close must not carry the stop past the task's
            // stop timeout (SIGKILL). What does not finish in time is left to the JVM's exit.
            runBounded(AFTER_DRAIN, () -> {
                if (server != null) {
                    server.close();
                }
                if (shards != null) {
                    shards.close();
                }
                writers.shutdownNow();
                registries.close();
                sinkDynamo.close();
                kinesis.close();
                leaseDynamo.close();
                cloudWatch.close();
            }, "closing the clients and the final metrics publish");
        }
        return exitCode;
    }

    /** Runs {@code work} on a daemon thread and waits for it at most {@code limit}; false if it is still running. */
    private static boolean runBounded(Duration limit, Runnable work, String name) throws InterruptedException {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        thread.join(Math.max(1, limit.toMillis()));
        if (thread.isAlive()) {
            LOG.warn("{} did not finish within {}; going on without it", name, limit);
            return false;
        }
        return true;
    }

    /**
     * The first call to each service, before the scheduler starts, so a missing credential, endpoint, stream
     * or table is one line naming its fix (exit 2) rather than a KCL retry loop or a stack trace.
     */
    private void preflight(KinesisAsyncClient kinesis, TableProvisioner tables) {
        var aws = settings.aws();
        Preflight.Service dynamoDb = new Preflight.Service("DynamoDB", aws.dynamoDb(),
                "--dynamodb-endpoint / DYNAMODB_ENDPOINT", aws.region());
        String tableNames = "DynamoDB tables " + settings.tables().dump() + ", " + settings.tables().anomaly() + " and "
                + settings.tables().rejected();
        Preflight.check(dynamoDb, tableNames, "dynamodb:DescribeTable and dynamodb:BatchWriteItem",
                "deploy the stack in deploy/, or pass --create-tables for a local run", () -> {
                    if (settings.createMissingResources()) {
                        tables.createMissing(settings.tables());
                        if (settings.dumpTimeToLive().isPresent()) {
                            enableDumpTimeToLive(tables);
                        }
                    } else {
                        tables.requireExisting(settings.tables());
                    }
                    return null;
                });
        Preflight.Service kinesisService = new Preflight.Service("Kinesis", aws.kinesis(),
                "--kinesis-endpoint / KINESIS_ENDPOINT", aws.region());
        Preflight.check(kinesisService, "Kinesis stream '" + settings.streamName() + "'", "kinesis:DescribeStreamSummary",
                "create it (the stack in deploy/, or the setup command for a local run), or fix --stream / STREAM_NAME",
                () -> kinesis.describeStreamSummary(b -> b.streamName(settings.streamName())).join());
    }

    private void enableDumpTimeToLive(TableProvisioner tables) {
        String dump = settings.tables().dump();
        switch (tables.enableTimeToLive(dump)) {
            case ENABLED -> LOG.info("Enabled DynamoDB TTL on {}.{}", dump, ItemSchemas.TTL_ATTRIBUTE);
            case ALREADY_ENABLED -> LOG.debug("DynamoDB TTL already enabled on {}", dump);
            case UNSUPPORTED -> LOG.warn("The DynamoDB endpoint does not implement UpdateTimeToLive (dynalite does "
                    + "not): {} items carry {} but will not expire here; on AWS, --create-tables enables TTL",
                    dump, ItemSchemas.TTL_ATTRIBUTE);
        }
    }

    /**
     * The stop, in this order: start the drain clock; note the leases held; start the KCL's graceful
     * shutdown (each processor flushes and checkpoints in {@code shutdownRequested}); wait for the KCL or for
     * every processor to return; hand the leases back; stop the scheduler.
     *
     * @return 0 exactly when everything the worker read was written and checkpointed, or handed back with a
     *         lost lease; 1 otherwise, with the shards named
     */
    private int drain() throws InterruptedException {
        if (scheduler.shutdownComplete() || !schedulerThread.isAlive()) {
            LOG.error("The KCL scheduler stopped on its own (see the errors above); exiting");
            return 1;
        }
        Duration drain = settings.drainTimeout();
        LOG.info("Stopping: flushing open windows and checkpointing (deadline {})", drain);
        deadline.start(drain);
        long started = System.nanoTime();
        long deadlineNanos = started + drain.toNanos();
        Collection<Lease> held = LeaseHandback.held(scheduler.leaseCoordinator());
        var graceful = scheduler.startGracefulShutdown();
        DrainWait.Result result = new DrainWait(System::nanoTime).await(graceful, activity::liveProcessors, deadlineNanos);
        if (result == DrainWait.Result.TIMED_OUT) {
            LOG.error("Drain did not finish within {}: shards {} were still flushing; stopping without their last "
                    + "checkpoints (their records are replayed, not lost)", drain, activity.liveShards());
            stopScheduler(deadlineNanos);
            return 1;
        }
        if (graceful.isCompletedExceptionally()) {
            LOG.error("Graceful shutdown failed; stopping without the last checkpoints",
                    graceful.handle((ok, failure) -> failure).join());
            stopScheduler(deadlineNanos);
            return 1;
        }
        // Only in the drain's own time: handing back saves a successor the failover wait, but a slow lease table
        // must not carry the stop past its deadline (the leases then expire as before).
        Duration handBackTime = Duration.ofNanos(deadlineNanos - System.nanoTime());
        if (!handBackTime.isNegative() && !handBackTime.isZero()) {
            runBounded(handBackTime, () -> LeaseHandback.handBack(scheduler.leaseCoordinator(), held), "lease-handback");
        }
        if (result == DrainWait.Result.PROCESSORS_RETURNED && !kclFinishesSoon(graceful, deadlineNanos)) {
            // Every processor has flushed and checkpointed; the KCL's future may wait for SHARD_END leases
            // (or an initialisation) that never confirm. Stop the scheduler without it.
            stopScheduler(deadlineNanos);
        }
        schedulerThread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        List<String> unflushed = activity.unflushed();
        if (!unflushed.isEmpty()) {
            LOG.error("Stopped in {} ms, but shards {} could not write and checkpoint what they read within the "
                    + "drain deadline {}; they are not checkpointed past it and are replayed, not lost",
                    (System.nanoTime() - started) / 1_000_000, unflushed, drain);
            return 1;
        }
        LOG.info("Stopped cleanly in {} ms", (System.nanoTime() - started) / 1_000_000);
        return 0;
    }

    /** Gives the KCL's own shutdown a moment to finish its usual way once every processor has returned. */
    private static boolean kclFinishesSoon(java.util.concurrent.Future<?> graceful, long deadlineNanos)
            throws InterruptedException {
        long wait = Math.min(Duration.ofSeconds(2).toNanos(), deadlineNanos - System.nanoTime());
        try {
            graceful.get(Math.max(0, wait), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return graceful.isDone();
        }
    }

    /**
     * Scheduler.shutdown() waits for the scheduler's lock, which its initialisation holds for up to a minute
     * or more (the random wait on an empty lease table, the first shard sync): call it on a daemon thread
     * and wait no longer than the drain deadline.
     */
    private void stopScheduler(long deadlineNanos) throws InterruptedException {
        Thread stopper = new Thread(scheduler::shutdown, "kcl-scheduler-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }

    private WorkerHealth.Verdict verdict() {
        Thread thread = schedulerThread;
        // Before the scheduler thread starts (start-up checks), there is nothing for a new task to do better.
        boolean running = thread == null ? scheduler == null : thread.isAlive();
        return health.check(Optional.ofNullable(fault.get()), running);
    }

    private OpsHttpServer.HealthStatus health() {
        WorkerHealth.Verdict verdict = verdict();
        return new OpsHttpServer.HealthStatus(verdict.healthy(), verdict.text(activity.ownedShards()));
    }

    private WorkerStatus.Health healthView() {
        WorkerHealth.Verdict verdict = verdict();
        return new WorkerStatus.Health(verdict.status(), verdict.reasons(), budget.usedBytes(), budget.limitBytes());
    }

    private ShardPipelines pipelines(DynamoDbSink sink) {
        return new ShardPipelines(() -> new CsvRecordDecoder(DecoderLimits.DEFAULT, settings.temperatureFormat()),
                new TumblingWindowAssigner(settings.windowLength()), settings.grace(),
                new AnomalyRule(settings.anomalyThreshold()), sink, settings.windowsInFlight(), budget);
    }

    /** The scheduler's state in a word, for the status page. */
    private String schedulerState() {
        if (fault.get() != null) {
            return "stopping: " + fault.get();
        }
        Scheduler current = scheduler;
        Thread thread = schedulerThread;
        if (current == null || thread == null) {
            return "starting";
        }
        if (deadline.started()) {
            return thread.isAlive() ? "draining" : "stopped";
        }
        if (!thread.isAlive() || current.shutdownComplete()) {
            return "stopped";
        }
        return current.hasGracefulShutdownStarted() ? "draining" : activity.ownedShards() > 0 ? "running" : "initializing";
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + ":" + UUID.randomUUID();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
