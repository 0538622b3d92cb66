package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The status page as a person sees it: a real worker, the page rendered by headless Chromium (Debian's,
 * which scripts/test.sh installs), its script fetching /status.json. It shows the worker and its shards,
 * and its numbers move when traffic arrives.
 */
class StatusPageIT {

    private static final Pattern RECEIVED = Pattern.compile("<td class=\"num received\">(\\d+)</td>");

    @Test
    void thePageShowsTheWorkerAndItsShardsAndItsNumbersMoveWithTraffic() throws Exception {
        LocalEmulators emulators = LocalEmulators.get();
        int port = LocalEmulators.freePort();
        try (StreamFixture fixture = new StreamFixture(emulators, "status", 2, 51);
             WorkerProcess worker = WorkerProcess.start(emulators, "status", fixture, emulators.dynamoDbEndpoint(),
                     "--http-port", Integer.toString(port))) {
            Poll.until("/health ok with both shards", Duration.ofSeconds(60),
                    () -> worker.health(port).startsWith("200 ok: 2 shard(s)"));
            String before = render(port);
            assertThat(before).contains("scheduler <span class=\"ok\">running</span>")
                    .contains("<code>shardId-000000000000</code>").contains("<code>shardId-000000000001</code>");
            assertThat(received(before)).isZero();

            fixture.send(400);
            Poll.until("every record written", Duration.ofMinutes(2), () -> {
                worker.assertAlive();
                return fixture.allWritten();
            }, fixture::progress);
            String after = render(port);
            System.out.println("status page: received " + received(before) + " before, " + received(after)
                    + " after 400 records");

            assertThat(received(after)).isEqualTo(400);
            assertThat(tableCounts(after, "rejections")).as("records per rejection reason")
                    .isEqualTo(fixture.expectedRejected().size());
            assertThat(section(after, "anomalies")).as("the hottest anomalies")
                    .containsPattern("<td class=\"num\">(1\\d\\d|[2-5]\\d\\d)</td>");
            screenshot(port, Path.of("target/status-page.png"));
            assertThat(worker.stopGracefully(Duration.ofSeconds(35))).isZero();
        }
    }

    /** The rendered body of the table with this id. */
    private static String section(String dom, String tableId) {
        int start = dom.indexOf("id=\"" + tableId + "\"");
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    /** The sum of a two-column table's counts. */
    private static long tableCounts(String dom, String tableId) {
        Matcher m = Pattern.compile("<td class=\"num\">(\\d+)</td></tr>").matcher(section(dom, tableId));
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private static long received(String dom) {
        Matcher m = RECEIVED.matcher(dom);
        long total = 0;
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** The page's DOM after its script has fetched and rendered the status. */
    private static String render(int port) throws IOException, InterruptedException {
        return chromium(List.of("--dump-dom", "http://127.0.0.1:" + port + "/"));
    }

    private static void screenshot(int port, Path png) throws IOException, InterruptedException {
        chromium(List.of("--hide-scrollbars", "--window-size=1400,900", "--screenshot=" + png.toAbsolutePath(),
                "http://127.0.0.1:" + port + "/"));
        assertThat(png).exists();
    }

    private static String chromium(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("CHROMIUM", "chromium"),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--virtual-time-budget=5000"));
        command.addAll(args);
        Path out = Files.createTempFile("chromium", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 60 s: " + command);
            }
            assertThat(process.exitValue()).as("chromium's exit code; is Debian's chromium installed?").isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.delete(out);
        }
    }
}
