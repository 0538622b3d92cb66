package io.streamwatch.consumer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecoderLimits;
import io.streamwatch.consumer.decode.TemperatureFormat;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.sink.ItemKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {

    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

    private static DeadLetter letter(String payload, String reason, String arrival, Optional<String> replayedAt) {
        return new DeadLetter("shardId-000000000001", arrival + "#shardId-000000000001#" + SEQUENCE + "#0000000003",
                SEQUENCE, 3, arrival, "2026-12-01T10:00:00.000Z", "2026-12-01T10:00:20.000Z",
                payload.getBytes(StandardCharsets.UTF_8), false, reason, replayedAt);
    }

    private static ReplayPlanner planner(Optional<Instant> since, Optional<Pattern> reason) {
        return new ReplayPlanner(new CsvRecordDecoder(DecoderLimits.DEFAULT, TemperatureFormat.DECIMAL),
                new AnomalyRule(100), since, reason);
    }

    @Test
    void aLetterThatDecodesNowBecomesTheReadingItWouldHaveBeenUnderItsOwnKey() {
        DeadLetter letter = letter("Dora,121.5,OK", "temperature is not an integer", "2026-12-01T10:00:05.123Z",
                Optional.empty());

        ReplayDecision decision = planner(Optional.empty(), Optional.empty()).decide(letter);

        assertThat(decision).isInstanceOfSatisfying(ReplayDecision.Replay.class, replay -> {
            assertThat(replay.anomaly()).isTrue();
            assertThat(replay.reading().reading().temperatureValue()).hasToString("121.5");
            assertThat(ItemKeys.eventKey(replay.reading().meta())).isEqualTo(letter.eventKey());
            assertThat(replay.window().startMillis()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
        });
    }

    @Test
    void stillBadAlreadyReplayedAndUnselectedLettersAreNotReplayed() {
        ReplayPlanner planner = planner(Optional.of(Instant.parse("2026-12-01T10:00:00Z")),
                Optional.of(Pattern.compile("integer|empty")));
        assertThat(planner.decide(letter("Dora,,OK", "temperature is empty", "2026-12-01T10:00:05.000Z",
                Optional.empty()))).isEqualTo(new ReplayDecision.StillRejected("temperature is empty"));
        assertThat(planner.decide(letter("Dora,21.5,OK", "temperature is not an integer", "2026-12-01T10:00:05.000Z",
                Optional.of("2026-12-02T00:00:00Z")))).isInstanceOf(ReplayDecision.AlreadyReplayed.class);
        assertThat(planner.decide(letter("Dora,21.5,OK", "temperature is not an integer", "2026-11-30T10:00:05.000Z",
                Optional.empty()))).as("before --since").isInstanceOf(ReplayDecision.NotSelected.class);
        assertThat(planner.decide(letter("Dora,21.5,OK", "quoted fields are not supported", "2026-12-01T10:00:05.000Z",
                Optional.empty()))).as("reason not matched").isInstanceOf(ReplayDecision.NotSelected.class);
    }
}
