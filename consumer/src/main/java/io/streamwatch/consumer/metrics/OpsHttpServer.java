package io.streamwatch.consumer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A tiny HTTP server for operators and the container runtime: {@code GET /health} (200 when healthy,
 * 503 otherwise, with the reason) and {@code GET /metrics} (Prometheus text format), so metrics are
 * readable without AWS. Uses the JDK's built-in server: two endpoints do not justify a web framework.
 */
public final class OpsHttpServer implements AutoCloseable {

    private final HttpServer server;

    public OpsHttpServer(int port, Supplier<HealthStatus> health, Supplier<String> prometheusText) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health", exchange -> {
            HealthStatus status = health.get();
            respond(exchange, status.healthy() ? 200 : 503, "text/plain; charset=utf-8", status.detail() + "\n");
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", prometheusText.get()));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A health verdict and a one-line reason. */
    public record HealthStatus(boolean healthy, String detail) {
    }
}
