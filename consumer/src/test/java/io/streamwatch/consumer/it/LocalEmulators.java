package io.streamwatch.consumer.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real emulators for the integration tests, started once per test JVM on free loopback ports, both
 * from the npm packages pinned in the project's package-lock.json: dynalite (DynamoDB, in memory) and
 * kinesis-local (Kinesis). Each runs as a child Node process and is stopped by a shutdown hook, so a
 * failed or interrupted test run leaves nothing behind.
 */
public final class LocalEmulators implements AutoCloseable {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    public static final String REGION = "us-east-1";
    /**
     * How long dynalite keeps a new table CREATING (and a deleted or updated one DELETING/UPDATING). Short,
     * but not zero, so the code that waits for a table is exercised on every run.
     */
    static final Duration TABLE_STATE_CHANGE = Duration.ofMillis(50);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static LocalEmulators instance;

    private final NodeProcess dynamoDb;
    private final NodeProcess kinesis;
    private final int kinesisTlsPort;
    private final Path projectRoot;

    private LocalEmulators() throws Exception {
        this("");
    }

    private LocalEmulators(String label) throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.cborEnabled", "false");
        projectRoot = findProjectRoot();
        long started = System.nanoTime();
        dynamoDb = startDynalite(label, freePort());
        kinesisTlsPort = freePort();
        kinesis = startKinesisLocal(label, freePort(), kinesisTlsPort);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "emulators-stop"));
        dynamoDb.awaitPort(START_TIMEOUT);
        kinesis.awaitPort(START_TIMEOUT);
        System.out.printf("Emulators%s up in %d ms: dynalite :%d, kinesis-local :%d%n",
                label.isEmpty() ? "" : " " + label, (System.nanoTime() - started) / 1_000_000, dynamoDb.port(),
                kinesis.port());
    }

    /**
     * A second, independent pair, for scenarios that need the names production uses (the deploy stack's stream,
     * lease table and tables) while others run: logs in {@code target/dynalite-LABEL.log} and
     * {@code target/kinesis-local-LABEL.log}; {@link #close()} stops it.
     */
    public static LocalEmulators startIndependent(String label) throws Exception {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("an independent pair needs a label");
        }
        return new LocalEmulators(label);
    }

    /** The emulators, started on first use. */
    public static synchronized LocalEmulators get() throws Exception {
        if (instance == null) {
            instance = new LocalEmulators();
        }
        return instance;
    }

    public URI kinesisEndpoint() {
        return URI.create("http://127.0.0.1:" + kinesis.port());
    }

    /** kinesis-local's TLS port (HTTP/2, a self-signed certificate): where SubscribeToShard is served. */
    public URI kinesisTlsEndpoint() {
        return URI.create("https://127.0.0.1:" + kinesisTlsPort);
    }

    public URI dynamoDbEndpoint() {
        return URI.create("http://127.0.0.1:" + dynamoDb.port());
    }

    public Path projectRoot() {
        return projectRoot;
    }

    private NodeProcess startDynalite(String label, int port) throws IOException {
        String stateChangeMs = Long.toString(TABLE_STATE_CHANGE.toMillis());
        installed("dynalite/cli.js");
        // The project's launcher of dynalite's command line, which survives clients dropping a connection.
        return NodeProcess.start(label.isEmpty() ? "dynalite" : "dynalite-" + label, projectRoot.resolve("scripts/lib/dynalite-server.js"),
                List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--createTableMs", stateChangeMs, "--deleteTableMs", stateChangeMs,
                        "--updateTableMs", stateChangeMs),
                Map.of(), port);
    }

    private NodeProcess startKinesisLocal(String label, int plainPort, int tlsPort) throws IOException {
        Path main = installed("kinesis-local/main.js");
        return NodeProcess.start(label.isEmpty() ? "kinesis-local" : "kinesis-local-" + label, main, List.of(), Map.of(
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                "KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString(),
                "LOG_LEVEL", "WARN",
                "CREATE_STREAM_DURATION", "100ms"), plainPort);
    }

    private Path installed(String script) {
        Path path = projectRoot.resolve("node_modules").resolve(script);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is not installed: run 'npm ci' in " + projectRoot
                    + " (the build does this in pre-integration-test)");
        }
        return path;
    }

    private void stop() {
        kinesis.stop();
        dynamoDb.stop();
    }

    /** Stops the emulators now (a pair from {@link #startIndependent}; the shared pair stops with the JVM). */
    @Override
    public void close() {
        if (this == instance) {
            return;
        }
        stop();
    }

    private static Path findProjectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        return Optional.ofNullable(dir)
                .orElseThrow(() -> new IllegalStateException("no package.json above " + Path.of("").toAbsolutePath()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
