package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The worker's /health and /metrics endpoints and JSON logs, on a real worker with real traffic. */
class ObservabilityIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void healthAnswersAndTheCountersFollowTheTraffic() throws Exception {
        LocalEmulators emulators = LocalEmulators.get();
        int port = LocalEmulators.freePort();
        try (StreamFixture fixture = new StreamFixture(emulators, "metrics", 2, 4);
             WorkerProcess worker = WorkerProcess.start(emulators, "metrics", fixture.stream, fixture.application,
                     fixture.tablePrefix, "3s", List.of("--http-port", Integer.toString(port), "--log-format", "json"))) {
            Poll.until("/health to answer 200", Duration.ofSeconds(60), () -> {
                worker.assertAlive();
                return get(port, "/health").statusCode() == 200;
            });
            assertThat(get(port, "/health").body()).startsWith("ok:");

            fixture.send(600);
            Poll.until("all records written", Duration.ofMinutes(2), () -> {
                worker.assertAlive();
                return fixture.allWritten();
            }, fixture::progress);
            // Items reach the tables before their window's completion is collected (with the shard's next
            // poll), and the window's counters move then: wait until nothing is left buffered.
            Poll.until("/metrics to count every record and every window", Duration.ofSeconds(30),
                    () -> counter(port, "streamwatch_records_received_total", "") >= 600
                            && counter(port, "streamwatch_records_buffered", "") == 0);

            String metrics = get(port, "/metrics").body();
            assertThat(counter(metrics, "streamwatch_records_received_total", "")).isEqualTo(600);
            assertThat(counter(metrics, "streamwatch_records_rejected_total", ""))
                    .isEqualTo(fixture.expectedRejected().size());
            assertThat(counter(metrics, "streamwatch_items_written_total", "table=\"metrics_data_dump\""))
                    .isEqualTo(fixture.expectedDump().size());
            assertThat(counter(metrics, "streamwatch_items_written_total", "table=\"metrics_data_anomaly\""))
                    .isEqualTo(fixture.expectedAnomalies().size());
            assertThat(counter(metrics, "streamwatch_records_anomalies_total", ""))
                    .isEqualTo(fixture.expectedAnomalies().size());
            assertThat(counter(metrics, "streamwatch_windows_flushed_total", "")).isPositive();
            assertThat(metrics).contains("streamwatch_window_flush_latency_seconds_count")
                    .contains("streamwatch_records_buffered")
                    .contains("streamwatch_shard_millis_behind_latest_milliseconds{shard=\"shardId-000000000000\"");

            assertThat(worker.stopGracefully(Duration.ofSeconds(30))).isZero();
            List<String> lines = worker.output().lines().filter(l -> !l.isBlank()).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}")
                    .contains("\"level\""));
            // The message as people read it, arguments filled in: CloudWatch Logs shows and searches this field.
            assertThat(lines).anySatisfy(line -> assertThat(line).containsPattern(
                    "\"formattedMessage\":\"Window flushed shard=shardId-00000000000[01] window=\\d{4}-"));
            assertThat(lines).noneSatisfy(line -> assertThat(line).containsPattern("\"formattedMessage\":\"[^\"]*\\{}"));
        }
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new FailedResponse(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double counter(int port, String name, String label) {
        HttpResponse<String> response = get(port, "/metrics");
        return response.statusCode() == 200 ? counter(response.body(), name, label) : -1;
    }

    /** Sums a Prometheus series over its label sets, optionally only those containing {@code label}. */
    private static double counter(String metrics, String name, String label) {
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** Stands for "no answer yet" while the worker starts. */
    private record FailedResponse(IOException error) implements HttpResponse<String> {
        public int statusCode() {
            return -1;
        }

        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
        }

        public String body() {
            return "";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
