package io.streamwatch.consumer.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local CloudWatch endpoint for tasks that publish metrics (the stack sets {@code CLOUDWATCH_METRICS=true}):
 * it answers every PutMetricData (Smithy RPC v2 CBOR) with success and counts them, as
 * {@code CloudWatchContractIT}'s recorder does without keeping the series.
 */
final class CloudWatchEndpoint implements AutoCloseable {

    final AtomicInteger putMetricDataCalls = new AtomicInteger();
    private final HttpServer server;

    CloudWatchEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/operation/PutMetricData")) {
                putMetricDataCalls.incrementAndGet();
            }
            byte[] empty = {(byte) 0xA0}; // an empty CBOR map: PutMetricData has no output
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.sendResponseHeaders(200, empty.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(empty);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
