package io.streamwatch.consumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private final List<Set<String>> scrapes = new ArrayList<>();
    private final OpsHttpServer server;

    OpsHttpServerTest() throws IOException {
        server = new OpsHttpServer(0, () -> new OpsHttpServer.HealthStatus(false, "no shards"), names -> {
            scrapes.add(names);
            return "metric_a 1.0\n";
        }, () -> "{\"worker\":{}}");
    }

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsServesThePrometheusText() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(MetricsRegistries.CONTENT_TYPE);
        assertThat(response.body()).isEqualTo("metric_a 1.0\n");
        assertThat(scrapes).containsExactly(Set.of());
    }

    @Test
    void metricsPassesEveryNameParameterPlainOrPercentEncoded() throws Exception {
        get("/metrics?name[]=metric_a&other=x&name%5B%5D=metric_b%5Fc");

        assertThat(scrapes).containsExactly(Set.of("metric_a", "metric_b_c"));
    }

    @Test
    void healthAnswers503WithTheReasonWhenUnhealthy() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("no shards\n");
    }

    @org.junit.jupiter.api.Test
    void servesTheStatusPageItsJsonAndNothingElse() throws Exception {
        HttpResponse<String> page = get("/");
        org.assertj.core.api.Assertions.assertThat(page.statusCode()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        org.assertj.core.api.Assertions.assertThat(page.body()).contains("fetch(\"status.json\"").doesNotContain("http://")
                .doesNotContain("https://");
        org.assertj.core.api.Assertions.assertThat(get("/status.json").body()).isEqualTo("{\"worker\":{}}");
        org.assertj.core.api.Assertions.assertThat(get("/nope").statusCode()).isEqualTo(404);
    }
}
