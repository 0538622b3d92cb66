package io.streamwatch.consumer.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A consumer worker run as its own JVM from the built service jar, exactly as in production, so the
 * tests can stop it with SIGTERM (ECS) or kill it with SIGKILL (a crash).
 */
final class WorkerProcess implements AutoCloseable {

    private static final Pattern FLUSHED = Pattern.compile("Window flushed .* records=(\\d+) anomalies=\\d+ rejected=(\\d+)");

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(LocalEmulators emulators, String name, String stream, String application,
                               String tablePrefix) throws IOException {
        return start(emulators, name, stream, application, tablePrefix, "3s");
    }

    static WorkerProcess start(LocalEmulators emulators, String name, String stream, String application,
                               String tablePrefix, String window) throws IOException {
        return start(emulators, name, stream, application, tablePrefix, window, List.of());
    }

    static WorkerProcess start(LocalEmulators emulators, String name, String stream, String application,
                               String tablePrefix, String window, List<String> extraArgs) throws IOException {
        return start(emulators, name, stream, application, tablePrefix, window, emulators.dynamoDbEndpoint(),
                extraArgs);
    }

    /** A worker reading with enhanced fan-out, through kinesis-local's TLS port. */
    static WorkerProcess startFanOut(LocalEmulators emulators, String name, StreamFixture fixture) throws IOException {
        return start(emulators, name, fixture.stream, fixture.application, fixture.tablePrefix, "3s",
                emulators.kinesisTlsEndpoint(), emulators.dynamoDbEndpoint(), List.of("--retrieval", "fanout"));
    }

    /** A worker on {@code fixture}'s stream and tables that reaches DynamoDB at {@code dynamoDb} (a proxy). */
    static WorkerProcess start(LocalEmulators emulators, String name, StreamFixture fixture, URI dynamoDb,
                               String... extraArgs) throws IOException {
        return start(emulators, name, fixture.stream, fixture.application, fixture.tablePrefix, "3s", dynamoDb,
                List.of(extraArgs));
    }

    static WorkerProcess start(LocalEmulators emulators, String name, String stream, String application,
                               String tablePrefix, String window, URI dynamoDb, List<String> extraArgs)
            throws IOException {
        return start(emulators, name, stream, application, tablePrefix, window, emulators.kinesisEndpoint(), dynamoDb,
                extraArgs);
    }

    static WorkerProcess start(LocalEmulators emulators, String name, String stream, String application,
                               String tablePrefix, String window, URI kinesis, URI dynamoDb, List<String> extraArgs)
            throws IOException {
        Path jar = Path.of("target/streamwatch-consumer.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run the package phase first: " + jar.toAbsolutePath() + " is missing");
        }
        Path log = Path.of("target/it-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(), "run",
                "--stream", stream, "--application", application,
                "--kinesis-endpoint", kinesis.toString(),
                "--dynamodb-endpoint", dynamoDb.toString(),
                "--dump-table", tablePrefix + "data_dump",
                "--anomaly-table", tablePrefix + "data_anomaly",
                "--rejected-table", tablePrefix + "data_rejected",
                "--initial-position", "TRIM_HORIZON", "--kcl-tuning", "local", "--create-tables",
                "--window", window, "--grace", "1s"));
        command.addAll(extraArgs);
        if (!extraArgs.contains("--http-port")) {
            command.addAll(List.of("--http-port", "0"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", LocalEmulators.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalEmulators.SECRET_KEY);
        builder.environment().put("AWS_REGION", LocalEmulators.REGION);
        return new WorkerProcess(builder.start(), log);
    }

    /** The /health status and body, e.g. "200 ok: 2 shard(s) owned"; empty while it does not answer. */
    String health(int port) {
        return get(port, "/health", true);
    }

    /** The /metrics body (Prometheus text). */
    String metrics(int port) {
        return get(port, "/metrics", false);
    }

    private static String get(int port, String path, boolean withStatus) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return withStatus ? response.statusCode() + " " + response.body() : response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Lines of the worker's log that contain {@code text}. */
    long logLines(String text) {
        return output().lines().filter(line -> line.contains(text)).count();
    }

    /**
     * SIGTERM, as ECS sends; returns the exit code. Sent once the worker is up (its SIGTERM handler is
     * installed before it logs "Consuming stream"): a JVM still starting would just die of the signal, 143,
     * which is not what a test of the drain means to check.
     */
    int stopGracefully(Duration timeout) throws InterruptedException {
        long ready = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && !output().contains("Consuming stream") && System.nanoTime() < ready) {
            Thread.sleep(50);
        }
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("worker did not exit within " + timeout + " of SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL: no flush, no checkpoint, leases left to expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Fails the test at once, with the worker's log, if the worker has exited. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("worker exited with code " + process.exitValue() + ":\n" + output());
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + log, e);
        }
    }

    /** Records (valid + rejected) this worker reported as flushed. */
    long recordsFlushed() {
        Matcher m = FLUSHED.matcher(output());
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
        }
        return total;
    }

    int windowsFlushed() {
        Matcher m = FLUSHED.matcher(output());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
