package io.streamwatch.consumer.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code health}: asks a running worker's {@code /health} and exits 0 when healthy. The container health
 * check uses it because slim JRE images have no curl or wget.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Exit 0 if the worker on this host answers /health with 200, 1 otherwise.")
public final class HealthCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:HTTP_PORT:-8080}", description = "Port of /health (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            System.out.print(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException e) {
            System.out.println("unhealthy: no answer on port " + port + " (" + e + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
