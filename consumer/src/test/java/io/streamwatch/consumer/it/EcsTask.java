package io.streamwatch.consumer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One ECS task of the deployed task definition, run on this host: the image's entrypoint ({@code java -jar
 * <jar> run}) with exactly the container's environment (the Dockerfile's ENV, then the task definition's),
 * except the endpoints, the credentials and {@code HTTP_PORT} (a free port: several tasks share this host's
 * loopback), inside a memory limit of the task's size ({@link TaskMemory}).
 *
 * <p>Its container health check runs as ECS runs it: the template's command every {@code Interval} (the
 * first one an interval after the start), each run killed after {@code Timeout}; failures during
 * {@code StartPeriod} do not count until a check has passed; after {@code Retries} consecutive failures the
 * task is UNHEALTHY and ECS stops it: SIGTERM, SIGKILL if it has not exited {@code StopTimeout} later.
 */
final class EcsTask implements AutoCloseable {

    enum Health { UNKNOWN, HEALTHY, UNHEALTHY }

    /** Where the task's AWS calls go instead of AWS. */
    record Endpoints(URI kinesis, URI dynamoDb, URI cloudWatch) {
    }

    /** One health-check run. */
    record Probe(Instant at, int exitCode, boolean counted, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    /** How the task ended: its exit code, why ECS (or the test) stopped it, whether SIGKILL was needed. */
    record Stopped(String task, int exitCode, String reason, boolean killedAtStopTimeout, Duration stopDuration) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    private final DeployedTaskDefinition definition;
    private final Map<String, String> environment;
    private final int port;
    private final Path jar;
    private final String java;
    private final Path log;
    private final TaskMemory memory;
    private final Process process;
    private final Instant startedAt = Instant.now();
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Stopped> stopped = new CompletableFuture<>();
    private final AtomicLong peakRss = new AtomicLong();
    private volatile Health health = Health.UNKNOWN;
    private volatile Instant healthyAt;
    private volatile Instant unhealthyAt;
    private volatile String stopReason;
    private volatile long peakGroupBytes;
    private volatile Process probe;
    private volatile boolean killedAtStopTimeout;
    private volatile long stopRequestedNanos;

    private EcsTask(String name, DeployedTaskDefinition definition, Endpoints endpoints, Path jar) throws IOException {
        this.name = name;
        this.definition = definition;
        this.jar = jar;
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.port = LocalEmulators.freePort();
        this.log = Path.of("target/it-logs/" + name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        this.memory = TaskMemory.limit(name, definition.memoryMiB());

        Map<String, String> env = new LinkedHashMap<>(definition.containerEnvironment());
        env.put("KINESIS_ENDPOINT", endpoints.kinesis().toString());
        env.put("DYNAMODB_ENDPOINT", endpoints.dynamoDb().toString());
        env.put("CLOUDWATCH_ENDPOINT", endpoints.cloudWatch().toString());
        env.put("AWS_ACCESS_KEY_ID", LocalEmulators.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalEmulators.SECRET_KEY);
        env.put("AWS_REGION", LocalEmulators.REGION);
        env.put("HTTP_PORT", Integer.toString(port));
        env.computeIfPresent("JAVA_TOOL_OPTIONS", (k, v) -> v + memory.jvmFallbackOptions());
        this.environment = Map.copyOf(env);

        ProcessBuilder builder = new ProcessBuilder(memory.inside(containerPaths(definition.entrypoint())))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        containerEnvironment(builder); // both the worker and the harness append: neither overwrites the other
        this.process = builder.start();
        process.onExit().thenRun(this::exited);
        Thread checker = new Thread(this::checkHealth, name + "-health-check");
        checker.setDaemon(true);
        checker.start();
        Thread sampler = new Thread(() -> {
            while (process.isAlive()) {
                samplePeakRss();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name + "-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts a task; {@code target/streamwatch-consumer.jar} stands in for the image's jar. */
    static EcsTask start(String name, DeployedTaskDefinition definition, Endpoints endpoints) throws IOException {
        Path jar = Path.of("target/streamwatch-consumer.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run the package phase first: " + jar + " is missing");
        }
        return new EcsTask(name, definition, endpoints, jar);
    }

    /** Exactly the container's variables: nothing inherited from the test JVM but PATH. */
    private void containerEnvironment(ProcessBuilder builder) {
        String path = builder.environment().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().putAll(environment);
    }

    /** The image's paths and port replaced by this host's: the jar, the JVM, the task's port. */
    private List<String> containerPaths(List<String> command) {
        Pattern imagePort = Pattern.compile("(?<![0-9])" + Pattern.quote(definition.httpPort()) + "(?![0-9])");
        List<String> local = new ArrayList<>();
        for (String arg : command) {
            String replaced = arg.equals("java") ? java : arg.replace(DeployedTaskDefinition.IMAGE_JAR, jar.toString());
            local.add(imagePort.matcher(replaced).replaceAll(Integer.toString(port)));
        }
        return local;
    }

    /** The health check's command as ECS runs it: CMD execs the arguments, CMD-SHELL runs /bin/sh -c. */
    List<String> healthCheckCommand() {
        List<String> command = definition.healthCheck().command();
        List<String> args = switch (command.get(0)) {
            case "CMD" -> command.subList(1, command.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", command.subList(1, command.size())));
            default -> throw new IllegalStateException("not an ECS health check command: " + command);
        };
        return containerPaths(args);
    }

    private void checkHealth() {
        DeployedTaskDefinition.HealthCheck check = definition.healthCheck();
        int failures = 0;
        boolean passedOnce = false;
        try {
            while (true) {
                Thread.sleep(check.interval().toMillis());
                if (!process.isAlive() || stopReason != null) {
                    return;
                }
                Instant at = Instant.now();
                ProbeRun run = runProbe(check.timeout());
                boolean inStartPeriod = Duration.between(startedAt, at).compareTo(check.startPeriod()) < 0;
                boolean counted = run.exitCode != 0 && (passedOnce || !inStartPeriod);
                probes.add(new Probe(at, run.exitCode, counted, run.output));
                appendToLog(String.format("[health-check %s] exit=%d%s %s", at, run.exitCode,
                        run.exitCode == 0 ? "" : counted ? " (failure " + (failures + 1) + "/" + check.retries() + ")"
                                : " (in the start period, not counted)", run.output.strip()));
                if (run.exitCode == 0) {
                    passedOnce = true;
                    failures = 0;
                    if (health != Health.HEALTHY) {
                        healthyAt = at;
                    }
                    health = Health.HEALTHY;
                } else if (counted && ++failures >= check.retries()) {
                    health = Health.UNHEALTHY;
                    unhealthyAt = at;
                    stop("Task failed container health checks");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record ProbeRun(int exitCode, String output) {
    }

    private ProbeRun runProbe(Duration timeout) throws InterruptedException {
        try {
            Path out = Files.createTempFile("health-probe", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(memory.inside(healthCheckCommand()))
                        .redirectErrorStream(true).redirectOutput(out.toFile());
                containerEnvironment(builder);
                Process run = builder.start();
                probe = run;
                boolean finished = run.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    run.destroyForcibly().waitFor();
                }
                String output = Files.readString(out, StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).reduce((a, b) -> a + " | " + b)
                        .orElse("");
                return finished ? new ProbeRun(run.exitValue(), output)
                        : new ProbeRun(-1, "timed out after " + timeout + ": " + output);
            } finally {
                probe = null;
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new ProbeRun(-1, "could not run the health check: " + e);
        }
    }

    /**
     * Stops the task as ECS does (a deployment, a scale-in, a failed health check): SIGTERM, then SIGKILL if
     * it is still running {@code StopTimeout} later. Returns once it has exited.
     */
    Stopped stop(String reason) {
        synchronized (this) {
            if (stopReason == null && process.isAlive()) {
                stopReason = reason;
                stopRequestedNanos = System.nanoTime();
                appendToLog("[ecs] stopping: " + reason + " (SIGTERM; SIGKILL after " + definition.stopTimeout() + ")");
                process.destroy();
            }
        }
        try {
            if (!process.waitFor(definition.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                killedAtStopTimeout = true;
                appendToLog("[ecs] still running " + definition.stopTimeout() + " after SIGTERM: SIGKILL");
                process.destroyForcibly();
            }
            return stopped.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not stop", e);
        }
    }

    /** SIGKILL at once, as a crash (or the OOM killer) would; the service notices and replaces the task. */
    Stopped kill(String reason) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason;
                stopRequestedNanos = System.nanoTime();
            }
        }
        process.destroyForcibly();
        try {
            return stopped.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not die", e);
        }
    }

    private void exited() {
        Process running = probe;
        if (running != null) {
            running.destroyForcibly(); // the whole container goes, its health probe with it
        }
        peakGroupBytes = memory.peakBytes().orElse(0);
        String reason = stopReason != null ? stopReason : "Essential container in task exited";
        Duration took = stopRequestedNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - stopRequestedNanos);
        appendToLog("[ecs] exited " + process.exitValue() + ": " + reason);
        String pressure = memory.pressure();
        memory.close();
        stopped.complete(new Stopped(name, process.exitValue(), reason + " [" + pressure + "]", killedAtStopTimeout,
                took));
    }

    CompletableFuture<Stopped> stopped() {
        return stopped;
    }

    boolean running() {
        return !stopped.isDone();
    }

    /** Stopping or stopped by ECS or the test (not replaced for a deployment); null while it runs undisturbed. */
    String stopReason() {
        return stopReason;
    }

    Health health() {
        return health;
    }

    Optional<Instant> healthyAt() {
        return Optional.ofNullable(healthyAt);
    }

    Optional<Instant> unhealthyAt() {
        return Optional.ofNullable(unhealthyAt);
    }

    Instant startedAt() {
        return startedAt;
    }

    List<Probe> probes() {
        return List.copyOf(probes);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Map<String, String> environment() {
        return environment;
    }

    TaskMemory memory() {
        return memory;
    }

    /** The worker JVM's peak RSS so far (sampled by {@link #samplePeakRss()}). */
    long peakRssBytes() {
        samplePeakRss();
        return peakRss.get();
    }

    /** The task's cgroup peak (worker, probes, page cache), or the worker's peak RSS without a cgroup. */
    long peakMemoryBytes() {
        if (!running()) {
            return memory.enforced() ? peakGroupBytes : peakRss.get();
        }
        return memory.peakBytes().orElse(peakRssBytes());
    }

    void samplePeakRss() {
        OptionalLong hwm = TaskMemory.peakRss(process.pid());
        hwm.ifPresent(v -> peakRss.accumulateAndGet(v, Math::max));
    }

    /** GET {@code path} on the task's port: "STATUS BODY", empty while it does not answer. */
    String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** /health as the health check sees it, e.g. "200 ok: 2 shard(s) owned". */
    String httpHealth() {
        return get("/health").strip();
    }

    /** /status.json, or empty while the task does not answer. */
    Optional<JsonNode> status() {
        String response = get("/status.json");
        if (!response.startsWith("200 ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(response.substring(4)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log, e);
        }
    }

    long logLines(String text) {
        return output().lines().filter(line -> line.contains(text)).count();
    }

    Path log() {
        return log;
    }

    private synchronized void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for people; a lost line is not a test failure
        }
    }

    @Override
    public String toString() {
        return name + "(" + (running() ? "running" : "stopped") + ", " + health + ")";
    }

    @Override
    public void close() {
        if (running()) {
            process.destroyForcibly();
            stopped.join();
        }
    }
}
