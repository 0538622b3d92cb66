package io.streamwatch.consumer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tiny HTTP server for operators and the container runtime: {@code GET /} (a status page for people,
 * self-contained, refreshing itself from {@code GET /status.json}), {@code GET /health} (200 when healthy,
 * 503 otherwise, with the reason) and {@code GET /metrics} (Prometheus text format), so metrics are
 * readable without AWS. {@code /metrics?name[]=a&name[]=b} returns only the named series, as Prometheus
 * servers do; a poller that needs a few counters then does not pay for formatting them all. (A query
 * that is not valid percent-encoding never reaches the handler: the JDK server answers 400 itself.) Uses
 * the JDK's built-in server: two endpoints do not justify a web framework.
 */
public final class OpsHttpServer implements AutoCloseable {

    private final HttpServer server;

    /**
     * @param prometheusText the metrics text, given the {@code name[]} values of the request (empty: every series)
     * @param statusJson     {@code /status.json}, which the page at {@code /} renders
     */
    public OpsHttpServer(int port, Supplier<HealthStatus> health, Function<Set<String>, String> prometheusText,
                         Supplier<String> statusJson) throws IOException {
        byte[] page = statusPage();
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health", exchange -> {
            HealthStatus status = health.get();
            respond(exchange, status.healthy() ? 200 : 503, "text/plain; charset=utf-8", status.detail() + "\n");
        });
        server.createContext("/metrics", exchange -> respond(exchange, 200, MetricsRegistries.CONTENT_TYPE,
                prometheusText.apply(requestedNames(exchange.getRequestURI().getRawQuery()))));
        server.createContext("/status.json", exchange -> respond(exchange, 200, "application/json; charset=utf-8",
                statusJson.get()));
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/")) {
                respond(exchange, 200, "text/html; charset=utf-8", page);
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found: try /, /status.json, /health or /metrics\n");
            }
        });
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

    private static byte[] statusPage() throws IOException {
        try (var in = OpsHttpServer.class.getResourceAsStream("/status/index.html")) {
            if (in == null) {
                throw new IOException("status/index.html is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The values of every {@code name[]} parameter of a raw query string; empty without any. */
    static Set<String> requestedNames(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String parameter : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && URLDecoder.decode(parameter.substring(0, equals), StandardCharsets.UTF_8).equals("name[]")) {
                names.add(URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A health verdict and a one-line reason. */
    public record HealthStatus(boolean healthy, String detail) {
    }
}
