package io.streamwatch.consumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        assertThat(Main.execute("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("run", "produce", "show", "setup", "health", "process-file", "write-ceiling");
    }

    @Test
    void aMistypedCommandIsRejectedWithASuggestion() {
        assertThat(Main.execute("rnu", "--stream", "readings")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched arguments").contains("run");
    }

    @Test
    void benchmarkCommandsRejectImpossibleCountsAsUsageErrors() {
        assertThat(Main.execute("process-file", "--shards", "0", "readings.csv")).isEqualTo(2);
        assertThat(Main.execute("write-ceiling", "--runs", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--shards").contains("--runs")
                .doesNotContain("at io.streamwatch");
    }

    @Test
    void anUnknownOptionPrintsUsageAndExitsWithTwo() {
        assertThat(Main.execute("run", "--no-such-flag")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--no-such-flag'").contains("Usage:");
    }

    @Test
    void invalidSettingsAreReportedByNameWithoutAStackTrace() {
        assertThat(Main.execute("run", "--stream", "readings", "--window", "forever", "--http-port", "0")).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("--window / WINDOW_LENGTH: 'forever' is not a duration");
        assertThat(text).doesNotContain("at io.streamwatch");
    }

    @Test
    void aBadEndpointIsNamed() {
        assertThat(Main.execute("run", "--stream", "readings", "--kinesis-endpoint", "localhost:4568")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--kinesis-endpoint / KINESIS_ENDPOINT");
    }

    @Test
    void produceWritesAReproducibleFileOfRecords(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path a = dir.resolve("a.csv");
        java.nio.file.Path b = dir.resolve("b.csv");
        assertThat(Main.execute("produce", "--count", "1000", "--seed", "7", "--malformed", "0.05", "--out", a.toString()))
                .isZero();
        assertThat(Main.execute("produce", "--count", "1000", "--seed", "7", "--malformed", "0.05", "--out", b.toString()))
                .isZero();
        assertThat(java.nio.file.Files.readAllLines(a)).hasSize(1000).isEqualTo(java.nio.file.Files.readAllLines(b));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("sent=1000");
    }
}
