package io.streamwatch.regression.store;

import io.streamwatch.regression.store.s3.S3Clients;
import io.streamwatch.regression.store.s3.S3Endpoint;
import io.streamwatch.regression.store.s3.S3Store;
import io.streamwatch.regression.store.s3.S3Uri;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The S3 emulator for the integration tests: s3rver (the npm package pinned in the project's
 * package-lock.json) as a child Node process on a free loopback port, behind a {@link CountingS3Proxy} that
 * counts the bytes served per object. Started once per test JVM ({@link #get()}), stopped by a shutdown hook.
 *
 * <p>Starting it also points this JVM's default S3 settings at it — {@code aws.endpointUrlS3} (the proxy),
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} (s3rver's key pair {@code S3RVER}), {@code aws.region} —
 * so {@link Inputs#resolve(String)} and the CLI read from it in-process; {@link #environment()} gives the
 * same settings as environment variables for a child process.
 */
public final class S3Emulator {

    /** The key pair s3rver knows; any other access key id gets 403 InvalidAccessKeyId. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";
    public static final Region REGION = Region.US_EAST_1;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static S3Emulator instance;

    private final Process process;
    private final int port;
    private final CountingS3Proxy proxy;
    private final S3Client uploads;
    private final S3Client reads;

    private S3Emulator() throws Exception {
        Path root = projectRoot();
        Path script = root.resolve("node_modules/s3rver/bin/s3rver.js");
        if (!Files.exists(script)) {
            throw new IllegalStateException(script + " is not installed: run 'npm ci' in " + root
                    + " (the build does this in pre-integration-test)");
        }
        Path data = Path.of("target/s3rver-data").toAbsolutePath();
        deleteTree(data);
        port = freePort();
        File log = new File("target/s3rver.log");
        // --openssl-legacy-provider: s3rver encrypts ListObjectsV2 continuation tokens with DES, which
        // Node 17+ refuses without it (every second page would be a 500).
        process = new ProcessBuilder(List.of("node", "--openssl-legacy-provider", script.toString(),
                "--directory", data.toString(), "--address", "127.0.0.1", "--port", Integer.toString(port),
                "--silent", "--no-vhost-buckets"))
                .redirectErrorStream(true).redirectOutput(log).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "s3rver-stop"));
        awaitPort(log);
        proxy = new CountingS3Proxy(port);

        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        System.setProperty("aws.region", REGION.id());
        System.setProperty("aws.endpointUrlS3", endpoint().toString());
        uploads = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .forcePathStyle(true)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                // s3rver reads neither aws-chunked bodies nor trailing checksums.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
        reads = clientWithKey(ACCESS_KEY);
    }

    /** The emulator, started on first use. */
    public static synchronized S3Emulator get() throws Exception {
        if (instance == null) {
            instance = new S3Emulator();
        }
        return instance;
    }

    /** Where readers send requests: the counting proxy. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    /** The environment a child process needs to read from the emulator. */
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL_S3", endpoint().toString(), "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", REGION.id());
    }

    /** A reading client as the production code builds it, the endpoint resolved from {@link #environment()}. */
    public S3Client client() {
        return reads;
    }

    /** A reading client with another access key id (s3rver answers 403 InvalidAccessKeyId for unknown ones). */
    public S3Client clientWithKey(String accessKeyId) {
        return S3Clients.create(S3Endpoint.resolve(environment(), Map.of()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, SECRET_KEY)), REGION);
    }

    /** A store on {@link #client()}, listing {@code pageSize} keys a page. */
    public S3Store store(int pageSize) {
        return new S3Store(reads, pageSize);
    }

    /** Creates a bucket; one that exists already is fine. */
    public void createBucket(String bucket) {
        try {
            uploads.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // as asked
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (!"BucketAlreadyExists".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }

    /** Uploads a local file to {@code s3://bucket/key} (the bucket made if missing), not through the proxy. */
    public S3Uri upload(String bucket, String key, Path file) {
        createBucket(bucket);
        uploads.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
        return new S3Uri(bucket, key);
    }

    /** Uploads bytes to {@code s3://bucket/key} (the bucket made if missing), not through the proxy. */
    public S3Uri upload(String bucket, String key, byte[] content) {
        createBucket(bucket);
        uploads.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
        return new S3Uri(bucket, key);
    }

    /** Body bytes GETs of the object were served through the proxy since {@link #resetCounts()}. */
    public long bytesServed(S3Uri object) {
        return proxy.bytesServed(object.bucket(), object.key());
    }

    /**
     * GET requests of the object through the proxy since {@link #resetCounts()}; of a bucket's root
     * ({@code new S3Uri(bucket, "")}): its ListObjectsV2 pages.
     */
    public long gets(S3Uri object) {
        return proxy.gets(object.bucket(), object.key());
    }

    /** The next GET of the object is answered 503 SlowDown (by the proxy), as S3 does when throttling. */
    public void failNextGet(S3Uri object) {
        proxy.failNextGet(object.bucket(), object.key());
    }

    public void resetCounts() {
        proxy.reset();
    }

    /** The next GET of the object is cut after {@code afterBytes} body bytes, as by a connection reset. */
    public void cutNextGet(S3Uri object, long afterBytes) {
        cutGets(object, afterBytes, 1);
    }

    /** The next {@code times} GETs of the object are each cut after {@code afterBytes} body bytes. */
    public void cutGets(S3Uri object, long afterBytes, int times) {
        proxy.cutGets(object.bucket(), object.key(), afterBytes, times);
    }

    private void awaitPort(File log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3rver exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("s3rver did not open port " + port + " within " + START_TIMEOUT + "; see " + log);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("package.json"))) {
            dir = dir.getParent();
        }
        return Optional.ofNullable(dir)
                .orElseThrow(() -> new IllegalStateException("no package.json above " + Path.of("").toAbsolutePath()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
