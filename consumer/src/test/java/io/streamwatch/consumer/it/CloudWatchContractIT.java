package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The metrics the consumer publishes to CloudWatch are the ones the synthesized dashboard and alarms read.
 * A real worker runs with {@code --cloudwatch-metrics} against a local endpoint that only records the
 * PutMetricData requests the real SDK client sends (the real Micrometer registry builds them); every
 * metric name and dimension set of namespace {@code Streamwatch} that the committed template references
 * must be among them.
 */
class CloudWatchContractIT {

    private static final String NAMESPACE = "Streamwatch";
    /** The stream the stack in deploy/ is synthesized for: its dashboard filters on it. */
    private static final String STACK_STREAM = "sensor-readings";

    @Test
    void everySeriesTheDashboardAndAlarmsReadIsPublished() throws Exception {
        LocalEmulators emulators = LocalEmulators.get();
        List<Series> referenced = referencedSeries(emulators);
        assertThat(referenced).as("series the template references").hasSizeGreaterThan(8);
        try (Recorder recorder = new Recorder();
             StreamFixture fixture = StreamFixture.named(emulators, STACK_STREAM, "cwcontract", 2, 31);
             DynamoFaultProxy proxy = new DynamoFaultProxy(emulators.dynamoDbEndpoint());
             WorkerProcess worker = WorkerProcess.start(emulators, "cwcontract", fixture, proxy.endpoint(),
                     "--cloudwatch-metrics", "--cloudwatch-endpoint", recorder.endpoint(),
                     "--metrics-namespace", NAMESPACE, "--metrics-step", "1s")) {
            proxy.partialFraction = 0.3; // so the sink's retry counters exist, as the retries graph expects
            fixture.send(600);
            Poll.until("every record written", Duration.ofMinutes(3), () -> {
                worker.assertAlive();
                return fixture.allWritten();
            }, fixture::progress);
            Poll.until("every referenced series published", Duration.ofSeconds(60),
                    () -> missing(referenced, recorder).isEmpty(), () -> "missing " + missing(referenced, recorder)
                            + "; published " + recorder.published.keySet());
            System.out.printf("cloudwatch: the template references %d Streamwatch series, all among the %d the "
                    + "worker published: %s%n", referenced.size(), recorder.published.size(), referenced);
            assertThat(worker.stopGracefully(Duration.ofSeconds(35))).isZero();
        }
    }

    /** A metric name with its dimensions: values where the template fixes them, null where it searches. */
    record Series(String name, TreeMap<String, String> dimensions) {
        boolean matches(String publishedName, TreeMap<String, String> published) {
            if (!name.equals(publishedName) || !published.keySet().equals(dimensions.keySet())) {
                return false;
            }
            return dimensions.entrySet().stream()
                    .allMatch(d -> d.getValue() == null || d.getValue().equals(published.get(d.getKey())));
        }
    }

    private static List<Series> missing(List<Series> referenced, Recorder recorder) {
        return referenced.stream().filter(series -> recorder.published.entrySet().stream()
                .noneMatch(p -> series.matches(p.getKey().name(), p.getKey().dimensions()))).toList();
    }

    /** The Streamwatch series in the committed template: dashboard widgets, SEARCH expressions and alarms. */
    private static List<Series> referencedSeries(LocalEmulators emulators) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode template = json.readTree(emulators.projectRoot().resolve("deploy/template/Streamwatch.template.json")
                .toFile());
        List<Series> series = new ArrayList<>();
        for (JsonNode resource : template.get("Resources")) {
            String type = resource.get("Type").asText();
            JsonNode properties = resource.get("Properties");
            if (type.equals("AWS::CloudWatch::Dashboard")) {
                StringBuilder body = new StringBuilder();
                for (JsonNode part : properties.get("DashboardBody").get("Fn::Join").get(1)) {
                    body.append(part.isTextual() ? part.asText() : "us-east-1"); // only the region is a reference
                }
                for (JsonNode widget : json.readTree(body.toString()).get("widgets")) {
                    for (JsonNode metric : widget.path("properties").path("metrics")) {
                        dashboardSeries(metric).ifPresent(series::add);
                    }
                }
            } else if (type.equals("AWS::CloudWatch::Alarm")) {
                if (NAMESPACE.equals(properties.path("Namespace").asText())) {
                    series.add(new Series(properties.get("MetricName").asText(), dimensions(properties.get("Dimensions"))));
                }
                for (JsonNode query : properties.path("Metrics")) {
                    JsonNode metric = query.path("MetricStat").path("Metric");
                    if (NAMESPACE.equals(metric.path("Namespace").asText())) {
                        series.add(new Series(metric.get("MetricName").asText(), dimensions(metric.get("Dimensions"))));
                    }
                }
            }
        }
        return series;
    }

    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('\\{" + NAMESPACE + ",([^}]*)\\} MetricName=\"([^\"]+)\"(.*?)'");
    private static final Pattern FILTER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private static java.util.Optional<Series> dashboardSeries(JsonNode metric) {
        if (metric.isArray() && NAMESPACE.equals(metric.get(0).asText())) {
            TreeMap<String, String> dimensions = new TreeMap<>();
            for (int i = 2; i + 1 < metric.size() && metric.get(i).isTextual(); i += 2) {
                dimensions.put(metric.get(i).asText(), metric.get(i + 1).asText());
            }
            return java.util.Optional.of(new Series(metric.get(1).asText(), dimensions));
        }
        JsonNode expression = metric.isArray() && metric.size() > 0 ? metric.get(0).path("expression") : null;
        if (expression != null && expression.isTextual()) {
            Matcher m = SEARCH.matcher(expression.asText());
            if (m.find()) {
                TreeMap<String, String> dimensions = new TreeMap<>();
                for (String key : m.group(1).split(",")) {
                    dimensions.put(key.trim(), null);
                }
                Matcher filter = FILTER.matcher(m.group(3));
                while (filter.find()) {
                    dimensions.put(filter.group(1), filter.group(2));
                }
                return java.util.Optional.of(new Series(m.group(2), dimensions));
            }
        }
        return java.util.Optional.empty();
    }

    private static TreeMap<String, String> dimensions(JsonNode list) {
        TreeMap<String, String> dimensions = new TreeMap<>();
        if (list != null) {
            list.forEach(d -> dimensions.put(d.get("Name").asText(), d.get("Value").asText()));
        }
        return dimensions;
    }

    /**
     * A local CloudWatch endpoint that answers PutMetricData (Smithy RPC v2 CBOR, gzip-compressed when large,
     * as the SDK sends it) with success, and keeps each metric name and dimension set of the namespace.
     */
    private static final class Recorder implements AutoCloseable {
        final ConcurrentHashMap<Series, Boolean> published = new ConcurrentHashMap<>();
        private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        private final HttpServer server;

        Recorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", this::handle);
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                InputStream body = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(body);
                }
                byte[] bytes = body.readAllBytes();
                if (path.endsWith("/operation/PutMetricData") && bytes.length > 0) {
                    JsonNode request = cbor.readTree(bytes);
                    if (NAMESPACE.equals(request.path("Namespace").asText())) {
                        for (JsonNode datum : request.path("MetricData")) {
                            published.put(new Series(datum.get("MetricName").asText(),
                                    dimensions(datum.get("Dimensions"))), true);
                        }
                    }
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
}
