package io.streamwatch.consumer.it;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Real emulators for the integration tests, started once per test JVM on free loopback ports:
 * DynamoDB Local in-process and kinesis-local (the npm package pinned in the project's package.json)
 * as a child Node process. Stopped by a shutdown hook.
 */
public final class LocalEmulators {

    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    public static final String REGION = "us-east-1";

    private static LocalEmulators instance;

    private final DynamoDBProxyServer dynamoDb;
    private final Process kinesis;
    private final int dynamoDbPort;
    private final int kinesisPort;
    private final Path projectRoot;

    private LocalEmulators() throws Exception {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.cborEnabled", "false");
        projectRoot = findProjectRoot();
        long started = System.nanoTime();
        dynamoDbPort = freePort();
        dynamoDb = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(dynamoDbPort)});
        dynamoDb.start();
        kinesisPort = freePort();
        kinesis = startKinesisLocal(kinesisPort, freePort());
        awaitPort(kinesisPort, Duration.ofSeconds(30));
        System.out.printf("Emulators up in %d ms: DynamoDB Local :%d, kinesis-local :%d%n",
                (System.nanoTime() - started) / 1_000_000, dynamoDbPort, kinesisPort);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "emulators-stop"));
    }

    /** The emulators, started on first use. */
    public static synchronized LocalEmulators get() throws Exception {
        if (instance == null) {
            instance = new LocalEmulators();
        }
        return instance;
    }

    public URI kinesisEndpoint() {
        return URI.create("http://127.0.0.1:" + kinesisPort);
    }

    public URI dynamoDbEndpoint() {
        return URI.create("http://127.0.0.1:" + dynamoDbPort);
    }

    public Path projectRoot() {
        return projectRoot;
    }

    private Process startKinesisLocal(int plainPort, int tlsPort) throws IOException {
        Path main = projectRoot.resolve("node_modules/kinesis-local/main.js");
        if (!Files.exists(main)) {
            throw new IllegalStateException("kinesis-local is not installed: run 'npm ci' in " + projectRoot
                    + " (the build does this in pre-integration-test)");
        }
        ProcessBuilder builder = new ProcessBuilder("node", main.toString())
                .redirectErrorStream(true)
                .redirectOutput(new File("target/kinesis-local.log"));
        builder.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
        builder.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
        builder.environment().put("KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString());
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.environment().put("CREATE_STREAM_DURATION", "100ms");
        return builder.start();
    }

    private void stop() {
        kinesis.destroy();
        try {
            dynamoDb.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
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

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("kinesis-local did not open port " + port + " within " + timeout
                + "; see target/kinesis-local.log");
    }
}
