package io.streamwatch.consumer.deadletter;

import io.streamwatch.consumer.decode.CsvRecordDecoder;
import io.streamwatch.consumer.decode.DecodeResult;
import io.streamwatch.consumer.decode.SensorReading;
import io.streamwatch.consumer.pipeline.AnomalyRule;
import io.streamwatch.consumer.pipeline.RecordMeta;
import io.streamwatch.consumer.pipeline.WindowEntry;
import io.streamwatch.consumer.window.WindowBounds;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides, for each dead letter, whether it decodes with the current decoder settings and, if so, which
 * reading it becomes: the same shard, sequence numbers, arrival time and window it had, so it is stored
 * under the keys it would have had (replaying twice writes the same items). Pure; not thread-safe (the
 * decoder keeps caches).
 */
public final class ReplayPlanner {

    private final CsvRecordDecoder decoder;
    private final AnomalyRule rule;
    private final Optional<Instant> since;
    private final Optional<Pattern> reason;

    /**
     * @param since  only dead letters that arrived at or after this
     * @param reason only dead letters whose reason this matches (anywhere in it)
     */
    public ReplayPlanner(CsvRecordDecoder decoder, AnomalyRule rule, Optional<Instant> since, Optional<Pattern> reason) {
        this.decoder = decoder;
        this.rule = rule;
        this.since = since;
        this.reason = reason;
    }

    public ReplayDecision decide(DeadLetter letter) {
        Instant arrival = Instant.parse(letter.arrivalTime());
        if (since.isPresent() && arrival.isBefore(since.get())
                || reason.isPresent() && !reason.get().matcher(letter.reason()).find()) {
            return new ReplayDecision.NotSelected();
        }
        if (letter.replayedAt().isPresent()) {
            return new ReplayDecision.AlreadyReplayed();
        }
        if (letter.truncated()) {
            return new ReplayDecision.Truncated();
        }
        DecodeResult result = decoder.decode(letter.payload());
        if (result instanceof DecodeResult.Rejected rejected) {
            return new ReplayDecision.StillRejected(rejected.reason());
        }
        SensorReading reading = (SensorReading) result;
        RecordMeta meta = new RecordMeta(letter.shardId(), letter.sequenceNumber(), letter.subSequenceNumber(),
                arrival.toEpochMilli());
        WindowBounds window = new WindowBounds(Instant.parse(letter.windowStart()).toEpochMilli(),
                Instant.parse(letter.windowEnd()).toEpochMilli());
        return new ReplayDecision.Replay(new WindowEntry.Accepted(meta, reading), window, rule.isAnomaly(reading));
    }
}
