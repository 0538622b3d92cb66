package io.streamwatch.consumer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.consumer.pipeline.AnomalyRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayTest {

    @TempDir
    Path dir;

    private FileReplay.Summary replay(String content, Duration interval, int shards) throws Exception {
        Path file = dir.resolve("records.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return FileReplay.run(file, Duration.ofSeconds(20), Duration.ofSeconds(2), interval, shards,
                new AnomalyRule(100));
    }

    @Test
    void countsEveryRecordOnceAcrossShardsAndWindows() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            content.append("Name").append(i % 7).append(',').append(i % 200).append(",OK\n");
        }
        // 1,000 records one every 50 ms: 50 s of arrivals, so windows [0,20), [20,40), [40,60) s.
        FileReplay.Summary summary = replay(content.toString(), Duration.ofMillis(50), 3);

        assertThat(summary.records()).isEqualTo(1_000);
        assertThat(summary.readings()).isEqualTo(1_000);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.anomalies()).isEqualTo(5 * 99); // i % 200 in 101..199, five times over
        assertThat(summary.windows()).isEqualTo(3);
        assertThat(summary.flushes()).isEqualTo(3 * 3);
    }

    @Test
    void keepsMalformedRecordsAsRejectionsAndReadsALastLineWithoutNewline() throws Exception {
        FileReplay.Summary summary = replay("A,150,OK\r\nnot a record\n\nB,99,WARN\nC,101,FAIL",
                Duration.ofMillis(1), 2);

        assertThat(summary.records()).isEqualTo(5);
        assertThat(summary.readings()).isEqualTo(3);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.anomalies()).isEqualTo(2);
    }

    @Test
    void refusesARecordLongerThanItsReadBufferWithTheFileNamed() throws IOException {
        Path file = dir.resolve("one-line.bin");
        Files.write(file, new byte[1 << 17]);
        assertThatThrownBy(() -> FileReplay.run(file, Duration.ofSeconds(20), Duration.ofSeconds(2),
                Duration.ofMillis(1), 1, new AnomalyRule(100)))
                .hasMessageContaining("one-line.bin").hasMessageContaining("longer than");
    }

    @Test
    void theWordAtATimeNewlineSearchAgreesWithAPlainScan() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] tricky = {'\n', 0x0B, 0x09, (byte) 0x8A, (byte) 0xFF, 0, 1, 'a'};
        for (int round = 0; round < 2_000; round++) {
            byte[] buf = new byte[random.nextInt(40)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = random.nextInt(4) == 0 ? tricky[random.nextInt(tricky.length)] : (byte) random.nextInt(256);
            }
            int from = buf.length == 0 ? 0 : random.nextInt(buf.length);
            int to = from + random.nextInt(buf.length - from + 1);
            assertThat(FileReplay.indexOfNewline(buf, from, to)).as("round %d", round).isEqualTo(plainScan(buf, from, to));
        }
    }

    private static int plainScan(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
