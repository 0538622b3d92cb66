package io.streamwatch.consumer.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of dynalite that answers some DynamoDB calls the way the service does under
 * trouble, with its real error bodies: throttling, partial {@code UnprocessedItems}, a ValidationException
 * for requests holding a poison value, or every call slowed down. Everything else is forwarded unchanged.
 * The settings are read per request, so a test can change them while a worker runs.
 */
final class DynamoFaultProxy implements AutoCloseable {

    static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded. Consider "
            + "increasing your provisioning level with the UpdateTable API.\"}";
    static final String VALIDATION = "{\"__type\":\"com.amazon.coral.validate#ValidationException\","
            + "\"message\":\"One or more parameter values were invalid: Item size has exceeded the maximum allowed size\"}";
    /** What DynamoDB answers a caller whose IAM policy does not allow the call on the table. */
    static String accessDenied(String operation, String table) {
        return "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: "
                + "arn:aws:sts::123456789012:assumed-role/StreamwatchTaskRole/0123456789abcdef is not authorized to "
                + "perform: dynamodb:" + operation + " on resource: arn:aws:dynamodb:us-east-1:123456789012:table/"
                + table + " because no identity-based policy allows the dynamodb:" + operation + " action\"}";
    }

    private static final Set<String> SKIPPED_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "transfer-encoding", "upgrade");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final Random random = new Random(7);

    volatile double throttleFraction;
    volatile double partialFraction;
    volatile String poison;
    volatile Duration delay = Duration.ZERO;
    /** Every BatchWriteItem answered with throttling (other calls, the lease table's, pass). */
    volatile boolean throttleEveryBatchWrite;
    /** Every call naming this table ({@code "TableName"}) answered with AccessDeniedException; null: none. */
    volatile String accessDeniedTable;

    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger partial = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger denied = new AtomicInteger();

    DynamoFaultProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String deniedTable = accessDeniedTable;
            if (deniedTable != null && java.util.regex.Pattern.compile("\"TableName\"\\s*:\\s*\""
                    + java.util.regex.Pattern.quote(deniedTable) + "\"").matcher(new String(body, StandardCharsets.UTF_8)).find()) {
                denied.incrementAndGet();
                answer(exchange, 400, accessDenied(operation.substring(operation.indexOf('.') + 1), deniedTable));
                return;
            }
            if (operation.endsWith(".BatchWriteItem") && throttleEveryBatchWrite) {
                throttled.incrementAndGet();
                answer(exchange, 400, THROTTLED);
                return;
            }
            if (operation.endsWith(".BatchWriteItem")) {
                String text = new String(body, StandardCharsets.UTF_8);
                String poisonValue = poison;
                // Only the readings tables refuse it: its dead letter must still be storable.
                if (poisonValue != null && text.contains(poisonValue) && !text.contains("data_rejected\"")) {
                    refused.incrementAndGet();
                    answer(exchange, 400, VALIDATION);
                    return;
                }
                double roll = nextDouble();
                if (roll < throttleFraction) {
                    throttled.incrementAndGet();
                    answer(exchange, 400, THROTTLED);
                    return;
                }
                if (roll < throttleFraction + partialFraction && writePartially(exchange, body)) {
                    return;
                }
            }
            forward(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the first half of each table's requests and answers the rest as UnprocessedItems. */
    private boolean writePartially(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        ObjectNode request = (ObjectNode) json.readTree(body);
        ObjectNode requestItems = (ObjectNode) request.get("RequestItems");
        ObjectNode kept = json.createObjectNode();
        ObjectNode unprocessed = json.createObjectNode();
        int left = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            ArrayNode writes = (ArrayNode) table.getValue();
            int half = writes.size() / 2;
            if (half == 0) {
                kept.set(table.getKey(), writes);
                continue;
            }
            ArrayNode first = kept.putArray(table.getKey());
            ArrayNode rest = unprocessed.putArray(table.getKey());
            for (int i = 0; i < writes.size(); i++) {
                (i < half ? first : rest).add(writes.get(i));
            }
            left += writes.size() - half;
        }
        if (left == 0) {
            return false;
        }
        request.set("RequestItems", kept);
        HttpResponse<byte[]> response = send(exchange, json.writeValueAsBytes(request));
        if (response.statusCode() != 200) {
            relay(exchange, response);
            return true;
        }
        partial.incrementAndGet();
        ObjectNode answer = json.createObjectNode();
        answer.set("UnprocessedItems", unprocessed);
        answer(exchange, 200, json.writeValueAsString(answer));
        return true;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        relay(exchange, send(exchange, body));
    }

    private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        write(exchange, response.statusCode(), response.body());
    }

    /** A response the proxy makes up: no x-amz-crc32 header, so the SDK checks nothing it cannot match. */
    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().put("Content-Type", List.of("application/x-amz-json-1.0"));
        exchange.getResponseHeaders().put("x-amzn-RequestId", List.of("fault-proxy"));
        write(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private synchronized double nextDouble() {
        return random.nextDouble();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
