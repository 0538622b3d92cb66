package io.streamwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.streamwatch.consumer.metrics.OpsHttpServer;
import io.streamwatch.consumer.metrics.OpsHttpServer.HealthStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the container health probe exactly as Docker and ECS exec it (argv, no shell in between, the
 * container's {@code HTTP_PORT} in the environment) against the consumer's own ops server: 0 for a 200,
 * 1 for a 503 or a closed port, and over before the health check's timeout when nothing answers.
 * Needs bash and coreutils' timeout, as the runtime image (Ubuntu) has them.
 */
class HealthProbeTest {

    private static final AtomicReference<HealthStatus> HEALTH =
            new AtomicReference<>(new HealthStatus(true, "ok: 2 shard(s) owned"));
    private static OpsHttpServer server;

    record Result(int exitCode, String output, long millis) {
    }

    @BeforeAll
    static void startTheConsumersOpsServer() throws IOException {
        assumeThat(onPath("bash") && onPath("timeout")).as("bash and timeout on PATH").isTrue();
        server = new OpsHttpServer(0, HEALTH::get, names -> "", () -> "{}");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static Result probe(int port) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ConsumerBinding.healthProbe()).redirectErrorStream(true);
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("the probe ended").isTrue();
        return new Result(process.exitValue(), output, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    void passesWhenTheWorkerAnswers200() throws Exception {
        HEALTH.set(new HealthStatus(true, "ok: 2 shard(s) owned"));
        Result result = probe(server.port());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void failsWithTheReasonWhenTheWorkerAnswers503() throws Exception {
        HEALTH.set(new HealthStatus(false, "unhealthy: the KCL scheduler is not running"));
        Result result = probe(server.port());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains(" 503 ", "unhealthy: the KCL scheduler is not running");
        HEALTH.set(new HealthStatus(true, "ok: 2 shard(s) owned"));
    }

    @Test
    void failsWhenNothingListens() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Result result = probe(closed);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("Connection refused");
    }

    @Test
    void givesUpByItselfBeforeTheHealthCheckTimeoutWhenTheWorkerNeverAnswers() throws Exception {
        // Accepts (the kernel does) and never answers, like a wedged worker.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closedAtEnd) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Result result = probe(silent.getLocalPort());
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.millis()).as("ms; the health check's timeout is 10 s")
                    .isLessThan((ConsumerBinding.HEALTH_PROBE_SECONDS + 1) * 1000L);
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }
}
