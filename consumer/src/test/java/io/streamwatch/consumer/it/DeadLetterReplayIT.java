package io.streamwatch.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code replay-rejected} on what a real worker dead-lettered: decimal readings rejected by the default
 * integer decoder are stored, with {@code --temperature decimal}, as the readings they would have been,
 * under the same keys; the dead letters are marked, not deleted, and a second run changes nothing.
 */
class DeadLetterReplayIT {

    @Test
    void decimalReadingsRejectedByTheIntegerDecoderAreReplayedOnceUnderTheirOwnKeys() throws Exception {
        LocalEmulators emulators = LocalEmulators.get();
        List<String> decimals = List.of("Dora,21.5,OK", "Emil,150.25,FAIL", "Fay,100.0,WARN", "Gus,-3.75,OK");
        try (StreamFixture fixture = new StreamFixture(emulators, "replay", 2, 41)) {
            try (WorkerProcess worker = WorkerProcess.start(emulators, "replay", fixture, emulators.dynamoDbEndpoint())) {
                fixture.send(300);
                fixture.sendRejected(decimals);
                Poll.until("every record written", Duration.ofMinutes(3), () -> {
                    worker.assertAlive();
                    return fixture.allWritten();
                }, fixture::progress);
                assertThat(worker.stopGracefully(Duration.ofSeconds(35))).isZero();
            }
            long dumpBefore = fixture.count("data_dump");
            long anomaliesBefore = fixture.count("data_anomaly");
            int rejectedBefore = fixture.items("data_rejected").size();

            JarRun dry = replay(emulators, fixture, "--dry-run");
            assertThat(dry.exitCode()).as(dry.stderr()).isZero();
            assertThat(dry.stdout()).contains("temperature is not an integer").contains("would replay 4,");
            assertThat(fixture.count("data_dump")).as("a dry run writes nothing").isEqualTo(dumpBefore);

            JarRun first = replay(emulators, fixture);
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).containsPattern("temperature is not an integer +replayed 4, still rejected 0");

            Map<String, Map<String, AttributeValue>> dump = fixture.items("data_dump").stream()
                    .collect(Collectors.toMap(i -> i.get("eventKey").s(), i -> i));
            List<Map<String, AttributeValue>> letters = fixture.items("data_rejected").stream()
                    .filter(i -> decimals.contains(StreamFixture.rejectedText(i))).toList();
            assertThat(letters).hasSize(4).allSatisfy(letter -> {
                assertThat(letter.get("replayedAt")).as("marked, not deleted").isNotNull();
                assertThat(letter.get("replayedTo").s()).isEqualTo("replay_data_dump");
                Map<String, AttributeValue> reading = dump.get(letter.get("eventKey").s());
                assertThat(reading).as("stored under the dead letter's own key").isNotNull();
                String[] sent = StreamFixture.rejectedText(letter).split(",");
                assertThat(reading.get("id").s()).isEqualTo(sent[0]);
                // The exact value; DynamoDB normalises numbers, so 100.0 reads back as 100.
                assertThat(new java.math.BigDecimal(reading.get("currentTemp").n()))
                        .isEqualByComparingTo(new java.math.BigDecimal(sent[1]));
                assertThat(reading.get("status").s()).isEqualTo(sent[2]);
                assertThat(reading.get("windowStart").s()).isEqualTo(letter.get("windowStart").s());
            });
            assertThat(fixture.count("data_dump")).isEqualTo(dumpBefore + 4);
            assertThat(fixture.count("data_anomaly")).as("150.25 is an anomaly, 100.0 is not")
                    .isEqualTo(anomaliesBefore + 1);
            assertThat(fixture.items("data_rejected")).hasSize(rejectedBefore);

            JarRun second = replay(emulators, fixture);
            assertThat(second.stdout()).containsPattern("temperature is not an integer +replayed 0, still rejected 0, "
                    + "replayed before 4");
            assertThat(fixture.count("data_dump")).isEqualTo(dumpBefore + 4);
        }
    }

    private static JarRun replay(LocalEmulators emulators, StreamFixture fixture, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("replay-rejected", "--temperature", "decimal",
                "--reason", "not an integer", "--dynamodb-endpoint", emulators.dynamoDbEndpoint().toString(),
                "--dump-table", fixture.tablePrefix + "data_dump", "--anomaly-table", fixture.tablePrefix + "data_anomaly",
                "--rejected-table", fixture.tablePrefix + "data_rejected"));
        args.addAll(List.of(extra));
        return JarRun.of(JarRun.localCredentials(), args);
    }
}
